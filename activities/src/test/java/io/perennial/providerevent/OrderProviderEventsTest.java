package io.perennial.providerevent;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.audit.AuditLog;
import io.perennial.order.OrderCharge;
import io.perennial.order.OrderPaymentActivities;
import io.perennial.order.OrderReadModel;
import io.perennial.order.OrderRefund;
import io.perennial.order.OrderRecordActivities;
import io.perennial.order.OrderStatus;
import io.perennial.order.RecordedOrders;
import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.DeclineCodes;
import io.perennial.payment.GatewayCharge;
import io.perennial.payment.GatewayOutage;
import io.perennial.payment.GatewayResult;
import io.perennial.payment.OrderPaymentRecord;
import io.perennial.payment.OrderPaymentRepository;
import io.perennial.payment.OrderRefundRepository;
import io.perennial.payment.PaymentStatus;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundStatus;
import io.perennial.payment.SimulatedGatewayLedger;
import io.perennial.reconciliation.DriftReports;
import io.perennial.reconciliation.ReconciliationActivitiesImpl;
import io.perennial.reconciliation.SweepRun;
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
 * Signed provider events about orders' charges that do not wait for the customer: a charge in doubt is settled, and
 * money taken after the order stopped waiting for it (Stripe's late approval) is given back once.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderProviderEventsTest implements TestPropertyProvider {

    static final Instant AT = Instant.parse("2027-03-09T09:00:00Z");

    @Inject
    ProviderEventActivitiesImpl events;
    @Inject
    ReconciliationActivitiesImpl sweeps;
    @Inject
    DriftReports reports;
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
    AuditLog audit;
    @Inject
    PaymentDisputeRepository disputes;
    @Inject
    OrderReadModel orderViews;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        // The events' activities hold a Temporal client for the workflows they signal (never reached here).
        properties.putAll(TestCodecKey.properties());
        return properties;
    }

    @AfterEach
    void providerBack() {
        outage.set(GatewayOutage.Mode.NONE, null, "test");
    }

    private String order(OrderStatus status) {
        return RecordedOrders.record(orderRecords, status, AT);
    }

    private static String chargeKey(String orderId) {
        return "order-" + orderId + ":charge";
    }

    private static ProviderEvent succeeded(String key, String providerPayment) {
        return new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEventKind.PAYMENT_SUCCEEDED, key, providerPayment,
                null, 0, null, null, null, AT.plusSeconds(7200));
    }

    @Test
    void moneyTakenAfterAnOrderStoppedWaitingForTheCustomerIsRecordedAndRefundedOnce() {
        String orderId = order(OrderStatus.FAILED);
        String key = chargeKey(orderId);
        // Our books: the customer did not authenticate in time, the charge declined and the order failed. The
        // provider: the customer approved on its page afterwards, and the money was taken.
        payments.insertPending(UUID.randomUUID(), key, orderId, UUID.randomUUID(), 4599, "EUR", "pm_card_visa", AT);
        OrderPaymentRecord declined = payments.findByIdempotencyKey(key).orElseThrow();
        payments.settle(declined.id(), "DECLINED", DeclineCodes.AUTHENTICATION_EXPIRED, null);
        GatewayResult taken = ledger.recordOnce(new GatewayCharge(key, 4599, "EUR", "pm_card_visa"), null);

        ProviderEvent event = succeeded(key, taken.reference());
        ProviderEventOutcome outcome = events.settlePayment(event);

        assertThat(outcome.effect()).isEqualTo("LATE_APPROVAL");
        OrderPaymentRecord recorded = payments.findById(declined.id()).orElseThrow();
        assertThat(recorded.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(recorded.gatewayReference()).isEqualTo(taken.reference());
        assertThat(refunds.findByRefundKey("order-" + orderId + ":refund")).hasValueSatisfying(refund -> {
            assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
            assertThat(refund.amountMinor()).isEqualTo(4599);
        });
        assertThat(ledger.refunds("order-" + orderId + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1,
                4599));
        assertThat(audit.findByTarget("order:" + orderId)).singleElement()
                .satisfies(entry -> assertThat(entry.outcome()).isEqualTo("refunded"));

        // The event delivered again (a new event id for the same charge), and a sweep: nothing more given back.
        assertThat(events.settlePayment(succeeded(key, taken.reference())).effect()).isEqualTo("ALREADY_SETTLED");
        String runKey = "test-" + UUID.randomUUID();
        sweeps.sweep(new SweepRun(runKey, "test", AT.plusSeconds(7200)));
        assertThat(reports.latest(false, 50).stream().filter(report -> report.run().runKey().equals(runKey))
                .flatMap(report -> report.findings().stream()).filter(finding -> orderId.equals(finding.orderId())))
                .isEmpty();
        assertThat(ledger.refunds("order-" + orderId + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1,
                4599));
        assertThat(ledger.countCharges(key)).isEqualTo(1);
    }

    @Test
    void aPaymentSucceededEventForAnOrderChargeInDoubtSettlesItAndTheOrdersNextTryChargesNothingMore() {
        String orderId = order(OrderStatus.STOCK_RESERVED);
        String key = chargeKey(orderId);
        outage.set(GatewayOutage.Mode.LOST_ANSWERS, "drill", "test");
        assertThatThrownBy(() -> orderPayments.chargeOrder(new OrderCharge(orderId, UUID.randomUUID().toString(),
                4599, "EUR", "pm_card_visa", AT))).isInstanceOf(ApplicationFailure.class);
        outage.set(GatewayOutage.Mode.NONE, null, "test");
        String reference = ledger.findCharge(key).orElseThrow().reference();

        ProviderEventOutcome outcome = events.settlePayment(succeeded(key, reference));

        assertThat(outcome.effect()).isEqualTo("SETTLED");
        assertThat(payments.findByIdempotencyKey(key).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        ChargeReceipt receipt = orderPayments.chargeOrder(new OrderCharge(orderId, UUID.randomUUID().toString(), 4599,
                "EUR", "pm_card_visa", AT));
        assertThat(receipt.gatewayReference()).isEqualTo(reference);
        assertThat(ledger.countCharges(key)).isEqualTo(1);
        assertThat(ledger.refunds("order-" + orderId + ":").count()).isZero();
    }

    @Test
    void aRefundMadeAtTheProviderForAnOrdersChargeIsRecordedOnceAndNeverSentBack() {
        String orderId = order(OrderStatus.DELIVERED);
        String key = chargeKey(orderId);
        ChargeReceipt paid = orderPayments.chargeOrder(new OrderCharge(orderId, UUID.randomUUID().toString(), 4599,
                "EUR", "pm_card_visa", AT));
        ProviderEvent partly = new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEventKind.CHARGE_REFUNDED, key,
                paid.gatewayReference(), null, 1000, "EUR", null, null, AT.plusSeconds(3600));

        assertThat(events.recordRefunds(partly).effect()).isEqualTo("REFUND_RECORDED");
        // The same cumulative total told again (another event id): recorded once.
        ProviderEvent again = new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEventKind.CHARGE_REFUNDED, null,
                paid.gatewayReference(), null, 1000, "EUR", null, null, AT.plusSeconds(3700));
        assertThat(events.recordRefunds(again).effect()).isEqualTo("REFUNDS_MATCH");
        // Then all of it: only what is missing is added, never more than the charge took.
        ProviderEvent all = new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEventKind.CHARGE_REFUNDED, key,
                paid.gatewayReference(), null, 9999, "EUR", null, null, AT.plusSeconds(3800));
        assertThat(events.recordRefunds(all).effect()).isEqualTo("REFUND_RECORDED");

        OrderPaymentRecord charge = payments.findByIdempotencyKey(key).orElseThrow();
        assertThat(refunds.refundedOrPending(charge.id())).isEqualTo(4599);
        assertThat(refunds.findByRefundKey(key + ":provider-refund:1000")).hasValueSatisfying(refund -> {
            assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
            assertThat(refund.amountMinor()).isEqualTo(1000);
            assertThat(refund.reason()).isEqualTo("made_at_provider");
        });
        assertThat(refunds.findByRefundKey(key + ":provider-refund:9999"))
                .hasValueSatisfying(refund -> assertThat(refund.amountMinor()).isEqualTo(3599));
        assertThat(ledger.refunds("order-" + orderId + ":").count()).as("nothing refunded again at the provider")
                .isZero();
        assertThat(audit.findByTarget("order:" + orderId)).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.action()).isEqualTo("refund.recorded"));
        // The order's own view shows what went back, though its workflow never heard of it.
        assertThat(orderViews.find(orderId).orElseThrow().refundedMinor()).isEqualTo(4599);
    }

    @Test
    void anEndedOrdersRefundGivesBackOnlyWhatWasNotRefundedAtTheProviderAlready() {
        String orderId = order(OrderStatus.CANCELED);
        String key = chargeKey(orderId);
        ChargeReceipt paid = orderPayments.chargeOrder(new OrderCharge(orderId, UUID.randomUUID().toString(), 4599,
                "EUR", "pm_card_visa", AT));
        events.recordRefunds(new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEventKind.CHARGE_REFUNDED, key,
                paid.gatewayReference(), null, 1000, "EUR", null, null, AT.plusSeconds(60)));

        // The order's compensation (or the sweep's, under the same key) gives back the rest, not the whole charge
        // again (which the provider would refuse, failing the order's refund step).
        RefundReceipt rest = orderPayments.refundOrder(new OrderRefund(orderId, "canceled", AT.plusSeconds(120)));
        assertThat(rest.amountMinor()).isEqualTo(3599);
        assertThat(ledger.refunds("order-" + orderId + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1, 3599));
        assertThat(orderPayments.refundOrder(new OrderRefund(orderId, "canceled", AT.plusSeconds(180))).amountMinor())
                .as("asked again: the same refund").isEqualTo(3599);
        assertThat(orderViews.find(orderId).orElseThrow().refundedMinor()).isEqualTo(4599);

        String refundedAtStripe = order(OrderStatus.FAILED);
        ChargeReceipt taken = orderPayments.chargeOrder(new OrderCharge(refundedAtStripe,
                UUID.randomUUID().toString(), 2500, "EUR", "pm_card_visa", AT));
        events.recordRefunds(new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEventKind.CHARGE_REFUNDED,
                chargeKey(refundedAtStripe), taken.gatewayReference(), null, 2500, "EUR", null, null,
                AT.plusSeconds(60)));
        RefundReceipt nothing = orderPayments.refundOrder(new OrderRefund(refundedAtStripe, "failed",
                AT.plusSeconds(120)));
        assertThat(nothing.amountMinor()).isZero();
        assertThat(ledger.refunds("order-" + refundedAtStripe + ":").count()).isZero();
    }

    @Test
    void aDisputeOfAnOrdersChargeIsRecordedOnceAndItsDecisionOnce() {
        String orderId = order(OrderStatus.DELIVERED);
        String key = chargeKey(orderId);
        ChargeReceipt paid = orderPayments.chargeOrder(new OrderCharge(orderId, UUID.randomUUID().toString(), 4599,
                "EUR", "pm_card_visa", AT));
        String disputeId = "dp_" + UUID.randomUUID().toString().replace("-", "");
        ProviderEvent opened = new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEventKind.DISPUTE_CREATED, null,
                paid.gatewayReference(), null, 4599, "EUR", disputeId, "product_not_received", AT.plusSeconds(60));

        assertThat(events.recordDispute(opened).effect()).isEqualTo("DISPUTE_RECORDED");
        assertThat(events.recordDispute(opened).effect()).isEqualTo("DISPUTE_KNOWN");
        assertThat(disputes.findByDisputeId(disputeId)).hasValueSatisfying(dispute -> {
            assertThat(dispute.kind()).isEqualTo("ORDER");
            assertThat(dispute.orderId()).isEqualTo(orderId);
            assertThat(dispute.subscriptionId()).isNull();
            assertThat(dispute.status()).isEqualTo("OPEN");
        });

        ProviderEvent lost = new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEventKind.DISPUTE_CLOSED, key,
                paid.gatewayReference(), null, 4599, "EUR", disputeId, "lost", AT.plusSeconds(86_400));
        assertThat(events.closeDispute(lost).effect()).isEqualTo("DISPUTE_LOST");
        ProviderEvent wonLater = new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEventKind.DISPUTE_CLOSED, key,
                paid.gatewayReference(), null, 4599, "EUR", disputeId, "won", AT.plusSeconds(90_000));
        assertThat(events.closeDispute(wonLater).effect()).isEqualTo("DISPUTE_ALREADY_CLOSED");
        assertThat(disputes.findByDisputeId(disputeId))
                .hasValueSatisfying(dispute -> assertThat(dispute.status()).isEqualTo("LOST"));
        assertThat(audit.findByTarget("order:" + orderId)).extracting(entry -> entry.action())
                .containsExactly("payment.disputed", "payment.dispute-closed");
    }
}
