package io.perennial.payment;

import io.micronaut.transaction.TransactionOperations;
import io.perennial.order.OrderCharge;
import io.perennial.order.OrderPaymentActivities;
import io.perennial.order.OrderRefund;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Charges an order once and refunds it once, through the same {@link PaymentGateway} as subscriptions: the intent
 * is stored (PENDING) before the provider is called, and every retry calls the provider with the same key, so the
 * provider's answer is the one kept. Orders have their own tables ({@code order_payments}, {@code order_refunds}):
 * the subscription tables are keyed by billing period.
 */
@Singleton
public class OrderPaymentActivitiesImpl implements OrderPaymentActivities {

    private static final Logger log = LoggerFactory.getLogger(OrderPaymentActivitiesImpl.class);

    private final OrderPaymentRepository payments;
    private final OrderRefundRepository refunds;
    private final TransactionOperations<Connection> transactions;
    private final PaymentGateway gateway;
    private final BillingMetrics metrics;

    public OrderPaymentActivitiesImpl(OrderPaymentRepository payments, OrderRefundRepository refunds,
                                      TransactionOperations<Connection> transactions, PaymentGateway gateway,
                                      BillingMetrics metrics) {
        this.payments = payments;
        this.refunds = refunds;
        this.transactions = transactions;
        this.gateway = gateway;
        this.metrics = metrics;
    }

    @Override
    public ChargeReceipt chargeOrder(OrderCharge charge) {
        write(() -> payments.insertPending(UUID.randomUUID(), charge.idempotencyKey(), charge.orderId(),
                UUID.fromString(charge.customerId()), charge.amountMinor(), charge.currency(), charge.paymentMethod(),
                charge.businessTime()));
        // The key derives from the order id, so the row found is this order's.
        OrderPaymentRecord payment = settled(payment(charge.idempotencyKey()).orElseThrow());
        if (payment.status() == PaymentStatus.DECLINED) {
            throw ApplicationFailure.newNonRetryableFailure("Charge " + payment.idempotencyKey() + " declined: "
                    + payment.declineCode(), PaymentFailures.PAYMENT_DECLINED,
                    new PaymentDecline(payment.id().toString(), payment.declineCode(), "The card was declined."));
        }
        return new ChargeReceipt(payment.id().toString(), payment.idempotencyKey(), payment.amountMinor(),
                payment.currency(), payment.gatewayReference(), payment.businessTime());
    }

    @Override
    public RefundReceipt refundOrder(OrderRefund refund) {
        Optional<OrderPaymentRecord> charged = payment(refund.chargeKey());
        if (charged.isEmpty()) {
            return nothingToRefund(refund, "nothing was charged");
        }
        OrderPaymentRecord payment = settled(charged.get());
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            return nothingToRefund(refund, "the charge was declined");
        }
        write(() -> refunds.insertPending(UUID.randomUUID(), refund.refundKey(), payment.id(), refund.orderId(),
                payment.amountMinor(), payment.currency(), refund.reason(), refund.businessTime()));
        OrderRefundRecord row = refundRow(refund.refundKey()).orElseThrow();
        if (row.status() == RefundStatus.PENDING) {
            GatewayResult result = callGateway(() -> gateway.refund(new GatewayRefund(row.refundKey(),
                    payment.gatewayReference(), row.amountMinor(), row.currency())));
            int stored = write(() -> refunds.settle(row.id(), result.approved() ? "SUCCEEDED" : "FAILED",
                    result.declineCode(), result.reference()));
            if (stored == 1 && result.approved()) {
                metrics.refunded(row.currency(), row.amountMinor());
            }
        }
        OrderRefundRecord done = refundRow(refund.refundKey()).orElseThrow();
        if (done.status() == RefundStatus.FAILED) {
            throw ApplicationFailure.newNonRetryableFailure("Refund " + done.refundKey() + " refused by the provider: "
                    + done.failureCode(), PaymentRefusals.REFUND_REFUSED);
        }
        return new RefundReceipt(done.id().toString(), done.refundKey(), done.amountMinor(), done.currency(),
                done.gatewayReference());
    }

    /** A PENDING charge (its call failed or timed out) asked again with the same key: the provider's answer. */
    private OrderPaymentRecord settled(OrderPaymentRecord payment) {
        if (payment.status() != PaymentStatus.PENDING) {
            return payment;
        }
        GatewayResult result = callGateway(() -> gateway.charge(new GatewayCharge(payment.idempotencyKey(),
                payment.amountMinor(), payment.currency(), payment.paymentMethod(), payment.customerId())));
        int stored = write(() -> payments.settle(payment.id(), result.approved() ? "SUCCEEDED" : "DECLINED",
                result.declineCode(), result.reference()));
        if (stored == 1) {
            metrics.charged("order", result.approved() ? "succeeded" : "declined", payment.currency(),
                    payment.amountMinor());
        }
        return payment(payment.idempotencyKey()).orElseThrow();
    }

    private RefundReceipt nothingToRefund(OrderRefund refund, String why) {
        log.info("Nothing to refund for order {}: {}", refund.orderId(), why);
        return new RefundReceipt(null, refund.refundKey(), 0, null, null);
    }

    private GatewayResult callGateway(Supplier<GatewayResult> call) {
        try {
            return call.get();
        } catch (GatewayUnavailableException e) {
            metrics.providerFailed(e.reason());
            throw e.toRetryableFailure();
        }
    }

    private Optional<OrderPaymentRecord> payment(String key) {
        return transactions.executeRead(status -> payments.findByIdempotencyKey(key));
    }

    private Optional<OrderRefundRecord> refundRow(String key) {
        return transactions.executeRead(status -> refunds.findByRefundKey(key));
    }

    /** Each statement in its own short transaction: no connection is held while the provider is called. */
    private <T> T write(Supplier<T> statement) {
        return transactions.executeWrite(status -> statement.get());
    }

    private void write(Runnable statement) {
        transactions.executeWrite(status -> {
            statement.run();
            return null;
        });
    }
}
