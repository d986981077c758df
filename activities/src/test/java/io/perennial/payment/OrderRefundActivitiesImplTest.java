package io.perennial.payment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.order.OrderCharge;
import io.perennial.order.OrderPaymentActivities;
import io.perennial.order.OrderReadModel;
import io.perennial.order.OrderRecordActivities;
import io.perennial.order.OrderRefund;
import io.perennial.order.OrderRefundRequest;
import io.perennial.order.OrderStatus;
import io.perennial.order.RecordedOrders;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestCodecKey;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ops refunds of part of an order's charge against the simulated bank: capped by what the charge has left, once per
 * key, never more than the charge took when they race each other and the order's own compensation.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderRefundActivitiesImplTest implements TestPropertyProvider {

    static final Instant AT = Instant.parse("2027-04-02T10:00:00Z");

    @Inject
    OrderRefundActivitiesImpl opsRefunds;
    @Inject
    OrderPaymentActivities orderPayments;
    @Inject
    OrderRecordActivities orderRecords;
    @Inject
    OrderReadModel orderViews;
    @Inject
    SimulatedGatewayLedger ledger;
    @Inject
    GatewayOutage outage;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        properties.putAll(TestCodecKey.properties());
        return properties;
    }

    @AfterEach
    void providerBack() {
        outage.set(GatewayOutage.Mode.NONE, null, "test");
    }

    /** A delivered order whose charge took {@code amountMinor}. */
    private String paidOrder(long amountMinor) {
        String orderId = RecordedOrders.record(orderRecords, OrderStatus.DELIVERED, AT);
        orderPayments.chargeOrder(new OrderCharge(orderId, UUID.randomUUID().toString(), amountMinor, "EUR",
                "pm_card_visa", AT));
        return orderId;
    }

    private static OrderRefundRequest asked(String orderId, String key, long amountMinor) {
        return new OrderRefundRequest("order-" + orderId + ":ops:" + key, orderId, amountMinor, "ops_returned", AT);
    }

    @Test
    void partsAreGivenBackOncePerKeyAndNeverMoreThanTheChargeTook() {
        String orderId = paidOrder(4599);

        RefundReceipt first = opsRefunds.refundPart(asked(orderId, "return-1", 1000));
        assertThat(first.amountMinor()).isEqualTo(1000);
        assertThat(first.currency()).isEqualTo("EUR");
        RefundReceipt again = opsRefunds.refundPart(asked(orderId, "return-1", 1000));
        assertThat(again.refundId()).as("the same key is the same refund").isEqualTo(first.refundId());

        assertThat(opsRefunds.refundPart(asked(orderId, "return-2", 5000)).amountMinor()).as("capped")
                .isEqualTo(3599);
        assertThat(opsRefunds.refundPart(asked(orderId, "return-3", 1)).amountMinor()).as("nothing left").isZero();

        assertThat(ledger.refunds("order-" + orderId + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(2, 4599));
        assertThat(orderViews.find(orderId).orElseThrow().refundedMinor()).isEqualTo(4599);
    }

    @Test
    void anOrderThatTookNothingHasNothingToGiveBack() {
        String neverCharged = RecordedOrders.record(orderRecords, OrderStatus.FAILED, AT);
        assertThat(opsRefunds.refundPart(asked(neverCharged, "goodwill", 500)).amountMinor()).isZero();
        assertThat(ledger.refunds("order-" + neverCharged + ":").count()).isZero();
    }

    @Test
    void aProviderOutageIsRetriedUnderTheSameKeyAndRefundsOnce() {
        String orderId = paidOrder(2500);
        outage.set(GatewayOutage.Mode.ERRORS, "drill", "test");

        assertThatThrownBy(() -> opsRefunds.refundPart(asked(orderId, "damaged", 700)))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        failure -> assertThat(failure.isNonRetryable()).isFalse());

        outage.set(GatewayOutage.Mode.NONE, null, "test");
        assertThat(opsRefunds.refundPart(asked(orderId, "damaged", 700)).amountMinor()).isEqualTo(700);
        assertThat(ledger.refunds("order-" + orderId + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1, 700));
    }

    @Test
    void opsRefundsRacingTheOrdersOwnRefundGiveBackExactlyWhatTheChargeTook() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            String orderId = paidOrder(4599);
            List<Concurrently.Outcome<Long>> outcomes = Concurrently.run(6, thread -> thread == 0
                    ? orderPayments.refundOrder(new OrderRefund(orderId, "canceled", AT)).amountMinor()
                    : opsRefunds.refundPart(asked(orderId, "part-" + thread, 1000)).amountMinor());

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            long given = outcomes.stream().mapToLong(Concurrently.Outcome::value).sum();
            // Asked for 5,000 and the rest: exactly what the charge took goes back, however they interleave.
            assertThat(given).isEqualTo(4599);
            assertThat(ledger.refunds("order-" + orderId + ":").amountMinor()).isEqualTo(4599);
        }
    }
}
