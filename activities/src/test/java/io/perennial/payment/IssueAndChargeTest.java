package io.perennial.payment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.billing.BillingActivitiesImpl;
import io.perennial.billing.CreditGrant;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.InvoiceStatus;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code IssueAndChargeInvoice} against PostgreSQL and the simulated provider: a renewal in one activity. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssueAndChargeTest implements TestPropertyProvider {

    static final Instant PERIOD_START = Instant.parse("2027-02-14T09:00:00Z");

    @Inject
    PaymentActivitiesImpl activities;
    @Inject
    BillingActivitiesImpl billing;
    @Inject
    InvoiceRepository invoices;
    @Inject
    SimulatedGatewayLedger ledger;

    private String customerId;
    private String subscriptionId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        return properties;
    }

    @BeforeEach
    void newSubscription() {
        customerId = UUID.randomUUID().toString();
        subscriptionId = UUID.randomUUID().toString();
    }

    private InvoiceToCollect renewal(int period, long amountMinor, String paymentMethod) {
        return new InvoiceToCollect(new InvoiceDraft(subscriptionId + ":" + period + ":renewal", subscriptionId,
                customerId, period, "EUR", PERIOD_START, PERIOD_START.plusSeconds(30 * 86_400L),
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", amountMinor)), true, PERIOD_START),
                "renewal", paymentMethod, AuthenticationOffer.OFFERED);
    }

    @Test
    void eightConcurrentAttemptsOfOneRenewalIssueOneInvoiceAndChargeItOnce() throws Exception {
        var outcomes = Concurrently.run(8, i -> activities.issueAndCharge(renewal(1, 1299, "pm_card_visa")));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        assertThat(outcomes).extracting(outcome -> outcome.value().invoice().invoiceId())
                .containsOnly(outcomes.get(0).value().invoice().invoiceId());
        assertThat(outcomes).extracting(outcome -> outcome.value().receipt().paymentId())
                .containsOnly(outcomes.get(0).value().receipt().paymentId());
        assertThat(outcomes).extracting(outcome -> outcome.value().decline()).containsOnlyNulls();
        assertThat(ledger.countCharges(subscriptionId)).isEqualTo(1);
        UUID invoiceId = UUID.fromString(outcomes.get(0).value().invoice().invoiceId());
        assertThat(invoices.findById(invoiceId).orElseThrow().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(outcomes.get(0).value().receipt().amountMinor()).isEqualTo(1299);
    }

    @Test
    void aDeclineIsAnsweredWithTheInvoiceItLeftOpenAndItsCode() {
        CollectedInvoice declined = activities.issueAndCharge(renewal(1, 1299, "pm_card_chargeDeclinedStolenCard"));

        assertThat(declined.receipt()).isNull();
        assertThat(declined.decline().declineCode()).isEqualTo("stolen_card");
        assertThat(declined.invoice().totalMinor()).isEqualTo(1299);
        UUID invoiceId = UUID.fromString(declined.invoice().invoiceId());
        assertThat(invoices.findById(invoiceId).orElseThrow().status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(ledger.countCharges(subscriptionId)).isZero();

        CollectedInvoice again = activities.issueAndCharge(renewal(1, 1299, "pm_card_chargeDeclinedStolenCard"));
        assertThat(again.invoice().invoiceId()).as("a retried attempt finds the invoice issued")
                .isEqualTo(declined.invoice().invoiceId());
    }

    @Test
    void anInvoiceAccountCreditPaysInFullIsNotCharged() {
        billing.grantAccountCredit(new CreditGrant("pause:" + customerId, customerId, 2000, "EUR", "pause_credit",
                PERIOD_START));

        CollectedInvoice paidByCredit = activities.issueAndCharge(renewal(2, 1299, "pm_card_visa"));

        assertThat(paidByCredit.decline()).isNull();
        assertThat(paidByCredit.receipt().amountMinor()).isZero();
        assertThat(paidByCredit.receipt().paymentId()).isNull();
        assertThat(ledger.countCharges(subscriptionId)).isZero();
    }
}
