package io.perennial.reconciliation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.order.OrderCharge;
import io.perennial.order.OrderPaymentActivities;
import io.perennial.order.OrderRecordActivities;
import io.perennial.order.OrderRefund;
import io.perennial.order.OrderStatus;
import io.perennial.order.RecordedOrders;
import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.GatewayOutage;
import io.perennial.payment.OrderPaymentRecord;
import io.perennial.payment.OrderPaymentRepository;
import io.perennial.payment.OrderRefundRepository;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.PaymentStatus;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundStatus;
import io.perennial.payment.SimulatedGatewayLedger;
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
 * The sweep and orders' charges, against PostgreSQL and the simulated provider, which books a charge and loses the
 * answer ({@code LOST_ANSWERS}): the customer is charged once, and refunded once when the order did not go through.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderReconciliationTest implements TestPropertyProvider {

    static final Instant FIRST_TRY = Instant.parse("2027-03-08T09:00:00Z");
    static final Instant PAST_GRACE = FIRST_TRY.plusSeconds(3601);

    @Inject
    ReconciliationActivitiesImpl sweeps;
    @Inject
    OrderPaymentActivities orderPayments;
    @Inject
    OrderRecordActivities orderRecords;
    @Inject
    OrderPaymentRepository payments;
    @Inject
    OrderRefundRepository refunds;
    @Inject
    SimulatedGatewayLedger ledger;
    @Inject
    GatewayOutage outage;
    @Inject
    DriftReports reports;
    @Inject
    AuditLog audit;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        // The sweep holds a Temporal client for subscriptions (never reached here).
        properties.putAll(TestCodecKey.properties());
        return properties;
    }

    @AfterEach
    void providerBack() {
        outage.set(GatewayOutage.Mode.NONE, null, "test");
    }

    /** An order as its workflow last recorded it. */
    private String order(OrderStatus status) {
        return RecordedOrders.record(orderRecords, status, FIRST_TRY);
    }

    private static OrderCharge charge(String orderId, String paymentMethod) {
        return new OrderCharge(orderId, UUID.randomUUID().toString(), 4599, "EUR", paymentMethod, FIRST_TRY);
    }

    private static String chargeKey(String orderId) {
        return "order-" + orderId + ":charge";
    }

    /** The order's charge, booked by the provider whose answer was lost: PENDING in our ledger. */
    private OrderPaymentRecord chargedWithTheAnswerLost(String orderId) {
        outage.set(GatewayOutage.Mode.LOST_ANSWERS, "drill", "test");
        assertThatThrownBy(() -> orderPayments.chargeOrder(charge(orderId, "pm_card_visa")))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        failure -> assertThat(failure.isNonRetryable()).isFalse());
        outage.set(GatewayOutage.Mode.NONE, null, "test");
        OrderPaymentRecord pending = payments.findByIdempotencyKey(chargeKey(orderId)).orElseThrow();
        assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(ledger.countCharges(chargeKey(orderId))).isEqualTo(1);
        return pending;
    }

    private DriftReports.Report run(String runKey) {
        return reports.latest(false, 50).stream().filter(report -> report.run().runKey().equals(runKey))
                .findFirst().orElseThrow();
    }

    private static List<ReconciliationFinding> findingsOf(DriftReports.Report report, String orderId) {
        return report.findings().stream().filter(finding -> orderId.equals(finding.orderId())).toList();
    }

    private SweepReport sweep(String runKey, Instant at) {
        return sweeps.sweep(new SweepRun(runKey, "test", at));
    }

    @Test
    void anOrderWaitingForAChargeWhoseAnswerWasLostIsSettledAndItsNextTryCollectsItWithoutASecondCharge() {
        String orderId = order(OrderStatus.STOCK_RESERVED);
        OrderPaymentRecord pending = chargedWithTheAnswerLost(orderId);

        // Within the grace period the order's own retries are left to find it.
        String early = "test-" + UUID.randomUUID();
        sweep(early, FIRST_TRY.plusSeconds(1800));
        assertThat(findingsOf(run(early), orderId)).isEmpty();

        String runKey = "test-" + UUID.randomUUID();
        SweepReport report = sweep(runKey, PAST_GRACE);

        DriftReports.Report stored = run(runKey);
        assertThat(findingsOf(stored, orderId)).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(ReconciliationFinding.ORDER);
            assertThat(finding.paymentId()).isEqualTo(pending.id());
            assertThat(finding.idempotencyKey()).isEqualTo(chargeKey(orderId));
            assertThat(finding.subscriptionId()).isNull();
            assertThat(finding.amountMinor()).isEqualTo(4599);
            assertThat(finding.providerSaid()).isEqualTo("SUCCEEDED");
            assertThat(finding.fix()).isEqualTo("SETTLED");
        });
        assertThat(stored.run().ordersExamined()).isPositive();
        assertThat(stored.run().ordersSettled()).isPositive();
        assertThat(report.settled()).isGreaterThanOrEqualTo(stored.run().ordersSettled());
        assertThat(payments.findById(pending.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);

        // The order's charge tries again under its key: it collects the stored answer, nothing is charged again.
        ChargeReceipt receipt = orderPayments.chargeOrder(charge(orderId, "pm_card_visa"));
        assertThat(receipt.paymentId()).isEqualTo(pending.id().toString());
        assertThat(receipt.amountMinor()).isEqualTo(4599);
        assertThat(ledger.countCharges(chargeKey(orderId))).isEqualTo(1);
        assertThat(ledger.refunds("order-" + orderId + ":").count()).isZero();
    }

    @Test
    void moneyTakenForAnOrderThatWasCanceledIsRefundedOnceUnderTheOrdersRefundKeyAndAudited() {
        String orderId = order(OrderStatus.STOCK_RESERVED);
        OrderPaymentRecord pending = chargedWithTheAnswerLost(orderId);
        // The order gave up meanwhile (canceled, its workflow gone), with its charge still in doubt.
        order(orderId, OrderStatus.CANCELED);

        String runKey = "test-" + UUID.randomUUID();
        sweep(runKey, PAST_GRACE);

        DriftReports.Report stored = run(runKey);
        assertThat(findingsOf(stored, orderId)).singleElement().satisfies(finding -> {
            assertThat(finding.providerSaid()).isEqualTo("SUCCEEDED");
            assertThat(finding.fix()).isEqualTo("REFUNDED");
        });
        assertThat(stored.run().ordersRefunded()).isPositive();
        assertThat(payments.findById(pending.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(refunds.findByRefundKey("order-" + orderId + ":refund")).hasValueSatisfying(refund -> {
            assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
            assertThat(refund.amountMinor()).isEqualTo(4599);
            assertThat(refund.paymentId()).isEqualTo(pending.id());
        });
        assertThat(ledger.refunds("order-" + orderId + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1,
                4599));
        assertThat(audit.findByTarget("order:" + orderId)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("reconciliation");
            assertThat(entry.action()).isEqualTo("order.refunded");
            assertThat(entry.outcome()).isEqualTo("refunded");
        });

        // Swept again, and the order's own refund step arriving late: the same refund, nothing given back twice.
        String again = "test-" + UUID.randomUUID();
        sweep(again, PAST_GRACE.plusSeconds(1200));
        assertThat(findingsOf(run(again), orderId)).isEmpty();
        RefundReceipt receipt = orderPayments.refundOrder(new OrderRefund(orderId, "order undone", PAST_GRACE));
        assertThat(receipt.refundKey()).isEqualTo("order-" + orderId + ":refund");
        assertThat(receipt.amountMinor()).isEqualTo(4599);
        assertThat(ledger.refunds("order-" + orderId + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1,
                4599));
        assertThat(ledger.countCharges(chargeKey(orderId))).isEqualTo(1);
        assertThat(audit.findByTarget("order:" + orderId)).hasSize(1);
    }

    @Test
    void aChargeKeptForAFailedOrderWithoutARefundIsGivenBackByTheNextSweep() {
        String orderId = order(OrderStatus.STOCK_RESERVED);
        orderPayments.chargeOrder(charge(orderId, "pm_card_visa"));
        // Ended without its refund step (ops terminated it, say): the money is still taken.
        order(orderId, OrderStatus.FAILED);

        String runKey = "test-" + UUID.randomUUID();
        sweep(runKey, FIRST_TRY.plusSeconds(60));

        assertThat(findingsOf(run(runKey), orderId)).singleElement().satisfies(finding -> {
            assertThat(finding.providerSaid()).isEqualTo("SUCCEEDED");
            assertThat(finding.fix()).isEqualTo("REFUNDED");
        });
        assertThat(ledger.refunds("order-" + orderId + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1,
                4599));
    }

    @Test
    void aChargeTheProviderNeverBookedIsLeftToARunningOrderAndAbandonedForAnEndedOne() {
        String running = order(OrderStatus.STOCK_RESERVED);
        String failed = order(OrderStatus.FAILED);
        for (String orderId : List.of(running, failed)) {
            payments.insertPending(UUID.randomUUID(), chargeKey(orderId), orderId, UUID.randomUUID(), 4599, "EUR",
                    "pm_card_visa", FIRST_TRY);
        }

        String runKey = "test-" + UUID.randomUUID();
        sweep(runKey, PAST_GRACE);

        DriftReports.Report stored = run(runKey);
        assertThat(findingsOf(stored, running)).singleElement().satisfies(finding -> {
            assertThat(finding.providerSaid()).isEqualTo("NOT_BOOKED");
            assertThat(finding.fix()).isEqualTo("NONE");
        });
        assertThat(findingsOf(stored, failed)).singleElement().satisfies(finding -> {
            assertThat(finding.providerSaid()).isEqualTo("NOT_BOOKED");
            assertThat(finding.fix()).isEqualTo("ABANDONED");
        });
        assertThat(stored.run().ordersAbandoned()).isPositive();
        assertThat(payments.findByIdempotencyKey(chargeKey(running)).orElseThrow().status())
                .isEqualTo(PaymentStatus.PENDING);
        assertThat(payments.findByIdempotencyKey(chargeKey(failed)).orElseThrow().status())
                .isEqualTo(PaymentStatus.ABANDONED);
        // An abandoned charge is never tried again, even by a reset workflow.
        assertThatThrownBy(() -> orderPayments.chargeOrder(charge(failed, "pm_card_visa")))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(PaymentFailures.PAYMENT_DECLINED);
                    assertThat(failure.isNonRetryable()).isTrue();
                });
        assertThat(ledger.countCharges(chargeKey(failed))).isZero();
        assertThat(ledger.countCharges(chargeKey(running))).isZero();
    }

    /** The order recorded again at a later revision with another status. */
    private void order(String orderId, OrderStatus status) {
        RecordedOrders.record(orderRecords, orderId, status, FIRST_TRY, FIRST_TRY.plusSeconds(10), 2);
    }
}
