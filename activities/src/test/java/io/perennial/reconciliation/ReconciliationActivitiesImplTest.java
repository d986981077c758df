package io.perennial.reconciliation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.customer.Customer;
import io.perennial.customer.CustomerRepository;
import io.perennial.payment.GatewayCharge;
import io.perennial.payment.GatewayOutage;
import io.perennial.payment.Payment;
import io.perennial.payment.PaymentRepository;
import io.perennial.payment.PaymentStatus;
import io.perennial.payment.SimulatedGatewayLedger;
import io.perennial.testsupport.TestCodecKey;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep against PostgreSQL and the simulated provider's ledger (charges of the first engine: no invoice). */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationActivitiesImplTest implements TestPropertyProvider {

    static final Instant FIRST_TRY = Instant.parse("2027-02-14T09:00:00Z");

    @Inject
    ReconciliationActivitiesImpl sweeps;
    @Inject
    PaymentRepository payments;
    @Inject
    CustomerRepository customers;
    @Inject
    SimulatedGatewayLedger ledger;
    @Inject
    GatewayOutage outage;
    @Inject
    DriftReports reports;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        // The sweep signals held renewals through a Temporal client (never reached here: no subscription is held).
        properties.putAll(TestCodecKey.properties());
        return properties;
    }

    @AfterEach
    void providerBack() {
        outage.set(GatewayOutage.Mode.NONE, null, "test");
    }

    /** A PENDING charge of a new subscription, first tried at {@link #FIRST_TRY}. */
    private Payment pending(String purpose) {
        return pending(purpose, FIRST_TRY);
    }

    private Payment pending(String purpose, Instant firstTry) {
        UUID customer = UUID.randomUUID();
        customers.save(new Customer(customer, customer + "@example.com", "Ada", Instant.now()));
        UUID subscription = UUID.randomUUID();
        String key = subscription + ":2:" + purpose;
        payments.insertPending(UUID.randomUUID(), key, subscription, customer, 2, purpose, 1299, "EUR", firstTry, null);
        return payments.findByIdempotencyKey(key).orElseThrow();
    }

    private List<ReconciliationFinding> findingsOf(String runKey, Payment payment) {
        return reports.latest(true, 50).stream().filter(report -> report.run().runKey().equals(runKey))
                .flatMap(report -> report.findings().stream())
                .filter(finding -> finding.paymentId().equals(payment.id())).toList();
    }

    @Test
    void aChargeTheProviderBookedIsSettledOnceAfterTheGracePeriodAndARetriedRunReportsItOnce() {
        Payment lost = pending("renewal");
        ledger.recordOnce(new GatewayCharge(lost.idempotencyKey(), 1299, "EUR", "pm_card_visa"), null);
        Payment young = pending("dunning-1", FIRST_TRY.plusSeconds(2));

        String runKey = "test-" + UUID.randomUUID();
        SweepReport report = sweeps.sweep(new SweepRun(runKey, "test", FIRST_TRY.plusSeconds(3601)));

        assertThat(payments.findById(lost.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(findingsOf(runKey, lost)).singleElement().satisfies(finding -> {
            assertThat(finding.providerSaid()).isEqualTo("SUCCEEDED");
            assertThat(finding.fix()).isEqualTo("SETTLED");
        });
        assertThat(report.settled()).isPositive();
        // First tried less than the hour's grace before the sweep: its workflow may still be trying; not asked about.
        assertThat(findingsOf(runKey, young)).isEmpty();
        assertThat(payments.findById(young.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        // The activity retried after its report was stored: the stored report, nothing asked again.
        assertThat(sweeps.sweep(new SweepRun(runKey, "test", FIRST_TRY.plusSeconds(3601)))).isEqualTo(report);
        assertThat(ledger.countCharges(lost.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void anUnreachableProviderLeavesEveryChargeInDoubtForTheNextRun() {
        Payment first = pending("renewal");
        Payment second = pending("renewal");
        outage.set(GatewayOutage.Mode.ERRORS, "incident", "test");

        String runKey = "test-" + UUID.randomUUID();
        SweepReport report = sweeps.sweep(new SweepRun(runKey, "test", FIRST_TRY.plusSeconds(7200)));

        for (Payment payment : List.of(first, second)) {
            assertThat(findingsOf(runKey, payment)).singleElement().satisfies(finding -> {
                assertThat(finding.providerSaid()).isEqualTo("UNREACHABLE");
                assertThat(finding.fix()).isEqualTo("NONE");
            });
            assertThat(payments.findById(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        }
        assertThat(report.stillInDoubt()).isGreaterThanOrEqualTo(2);
        assertThat(report.settled()).isZero();
    }
}
