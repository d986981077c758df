package io.perennial.payment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.customer.Customer;
import io.perennial.customer.CustomerRepository;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentActivitiesImplTest implements TestPropertyProvider {

    @Inject
    PaymentActivitiesImpl activities;
    @Inject
    PaymentRepository payments;
    @Inject
    CustomerRepository customers;
    @Inject
    SimulatedGatewayLedger ledger;

    private String customerId;
    private String subscriptionId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        return properties;
    }

    @BeforeEach
    void newCustomer() {
        UUID id = UUID.randomUUID();
        customers.save(new Customer(id, id + "@example.com", "Ada", Instant.now()));
        customerId = id.toString();
        subscriptionId = UUID.randomUUID().toString();
    }

    private RenewalCharge charge(int period, String purpose, String paymentMethod) {
        return new RenewalCharge(subscriptionId, customerId, period, purpose, 1299, "EUR", paymentMethod,
                Instant.parse("2027-02-14T09:00:00Z"));
    }

    private int gatewayCharges(String keyPrefix) {
        return ledger.countCharges(keyPrefix) + declinedCharges(keyPrefix);
    }

    private int declinedCharges(String keyPrefix) {
        return payments.findBySubscriptionIdOrderByCreatedAt(UUID.fromString(subscriptionId)).stream()
                .filter(payment -> payment.status() == PaymentStatus.DECLINED)
                .mapToInt(payment -> 1).sum();
    }

    @Test
    void aSuccessfulChargeIsStoredWithItsBusinessTimeAndKey() {
        ChargeReceipt receipt = activities.chargeRenewal(charge(1, "renewal", "pm_card_visa"));

        Payment payment = payments.findByIdempotencyKey(subscriptionId + ":1:renewal").orElseThrow();
        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(payment.amountMinor()).isEqualTo(1299);
        assertThat(payment.businessTime()).isEqualTo(Instant.parse("2027-02-14T09:00:00Z"));
        assertThat(receipt.paymentId()).isEqualTo(payment.id().toString());
        assertThat(receipt.gatewayReference()).startsWith("ch_");
    }

    @Test
    void theSameChargeRunTwiceMovesMoneyOnce() {
        ChargeReceipt first = activities.chargeRenewal(charge(1, "renewal", "pm_card_visa"));
        ChargeReceipt second = activities.chargeRenewal(charge(1, "renewal", "pm_card_visa"));

        assertThat(second).isEqualTo(first);
        assertThat(gatewayCharges(subscriptionId)).isEqualTo(1);
    }

    @Test
    void aPeriodAlreadyPaidIsNotChargedAgainUnderAnotherPurpose() {
        ChargeReceipt paid = activities.chargeRenewal(charge(3, "renewal", "pm_card_visa"));
        ChargeReceipt again = activities.chargeRenewal(charge(3, "dunning-1", "pm_card_visa"));

        assertThat(again.paymentId()).isEqualTo(paid.paymentId());
        assertThat(gatewayCharges(subscriptionId)).isEqualTo(1);
    }

    @Test
    void concurrentAttemptsWithOneKeyChargeOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<ChargeReceipt> attempt = () -> activities.chargeRenewal(charge(2, "renewal", "pm_card_visa"));
            var futures = pool.invokeAll(java.util.Collections.nCopies(8, attempt));
            for (Future<ChargeReceipt> future : futures) {
                assertThat(future.get().idempotencyKey()).isEqualTo(subscriptionId + ":2:renewal");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(gatewayCharges(subscriptionId)).isEqualTo(1);
    }

    @Test
    void aDeclineIsANonRetryableBusinessFailureWithTheDeclineCode() {
        assertThatThrownBy(() -> activities.chargeRenewal(charge(1, "renewal", "pm_card_insufficient_funds")))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(PaymentFailures.PAYMENT_DECLINED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getDetails().get(PaymentDecline.class).declineCode())
                            .isEqualTo("insufficient_funds");
                });
        Payment payment = payments.findByIdempotencyKey(subscriptionId + ":1:renewal").orElseThrow();
        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.declineCode()).isEqualTo("insufficient_funds");
    }

    @Test
    void aRetriedDeclineIsDeclinedAgainWithoutAskingTheProviderTwice() {
        assertThatThrownBy(() -> activities.chargeRenewal(charge(1, "renewal", "pm_card_declined")))
                .isInstanceOf(ApplicationFailure.class);
        assertThatThrownBy(() -> activities.chargeRenewal(charge(1, "renewal", "pm_card_declined")))
                .isInstanceOf(ApplicationFailure.class);

        assertThat(gatewayCharges(subscriptionId)).isEqualTo(1);
    }
}
