package io.perennial.payment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundTest implements TestPropertyProvider {

    static final Instant NOW = Instant.parse("2027-02-20T09:00:00Z");

    @Inject
    PaymentActivitiesImpl activities;
    @Inject
    SimulatedGatewayLedger ledger;

    private String subscriptionId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        return properties;
    }

    @BeforeEach
    void aPaidPeriod() {
        subscriptionId = UUID.randomUUID().toString();
        activities.chargeRenewal(new RenewalCharge(subscriptionId, UUID.randomUUID().toString(), 1, "renewal", 1299,
                "EUR", "pm_card_visa", NOW));
    }

    private RefundReceipt refund(String purpose, int period, long amountMinor) {
        return activities.refund(new RefundRequest(subscriptionId + ":" + period + ":" + purpose, subscriptionId,
                period, amountMinor, "EUR", "prorated_cancellation", NOW));
    }

    @Test
    void aRefundNeverGivesBackMoreThanWasPaid() {
        RefundReceipt receipt = refund("cancel-refund", 1, 5000);

        assertThat(receipt.amountMinor()).isEqualTo(1299);
        assertThat(receipt.gatewayReference()).startsWith("re_");
        assertThat(ledger.refunds(subscriptionId)).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1, 1299));
    }

    @Test
    void aRefundKeyRefundsOnce() {
        RefundReceipt first = refund("cancel-refund", 1, 500);
        RefundReceipt second = refund("cancel-refund", 1, 500);

        assertThat(second).isEqualTo(first);
        assertThat(ledger.refunds(subscriptionId)).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1, 500));
    }

    @Test
    void refundsUnderDifferentKeysStopAtWhatWasPaid() {
        RefundReceipt first = refund("goodwill-1", 1, 800);
        RefundReceipt second = refund("goodwill-2", 1, 800);
        RefundReceipt third = refund("goodwill-3", 1, 800);

        assertThat(first.amountMinor()).isEqualTo(800);
        assertThat(second.amountMinor()).isEqualTo(499);
        assertThat(third.amountMinor()).isZero();
        assertThat(third.refundId()).isNull();
        assertThat(ledger.refunds(subscriptionId)).isEqualTo(new SimulatedGatewayLedger.RefundTotals(2, 1299));
    }

    @Test
    void aPeriodThatWasNeverPaidRefundsNothing() {
        assertThat(refund("cancel-refund", 2, 500).amountMinor()).isZero();
        assertThat(ledger.refunds(subscriptionId).count()).isZero();
    }
}
