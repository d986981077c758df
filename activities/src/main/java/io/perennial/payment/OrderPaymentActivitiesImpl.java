package io.perennial.payment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perennial.jdbc.Statements;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.order.OrderCharge;
import io.perennial.order.OrderPaymentActivities;
import io.perennial.order.OrderRefund;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
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
    private static final String PAYMENT_COLUMNS = "id, idempotency_key, order_id, amount_minor, currency, "
            + "payment_method, status, decline_code, gateway_reference, business_time";
    private static final String REFUND_COLUMNS = "id, refund_key, amount_minor, currency, status, failure_code, "
            + "gateway_reference";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final PaymentGateway gateway;
    private final BillingMetrics metrics;

    public OrderPaymentActivitiesImpl(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                                      PaymentGateway gateway, BillingMetrics metrics) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.gateway = gateway;
        this.metrics = metrics;
    }

    @Override
    public ChargeReceipt chargeOrder(OrderCharge charge) {
        update("INSERT INTO order_payments (id, idempotency_key, order_id, customer_id, amount_minor, currency, "
                        + "payment_method, status, business_time) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?) "
                        + "ON CONFLICT DO NOTHING", UUID.randomUUID(), charge.idempotencyKey(), charge.orderId(),
                UUID.fromString(charge.customerId()), charge.amountMinor(), charge.currency(), charge.paymentMethod(),
                Timestamp.from(charge.businessTime()));
        // The key derives from the order id, so the row found is this order's.
        OrderPayment payment = payment(charge.idempotencyKey()).orElseThrow();
        payment = settled(payment);
        if (payment.status.equals("DECLINED")) {
            throw ApplicationFailure.newNonRetryableFailure("Charge " + payment.key + " declined: "
                    + payment.declineCode, PaymentFailures.PAYMENT_DECLINED,
                    new PaymentDecline(payment.id.toString(), payment.declineCode, "The card was declined."));
        }
        return new ChargeReceipt(payment.id.toString(), payment.key, payment.amountMinor, payment.currency,
                payment.gatewayReference, payment.businessTime);
    }

    @Override
    public RefundReceipt refundOrder(OrderRefund refund) {
        Optional<OrderPayment> charged = payment(refund.chargeKey());
        if (charged.isEmpty()) {
            return nothingToRefund(refund, "nothing was charged");
        }
        OrderPayment payment = settled(charged.get());
        if (!payment.status.equals("SUCCEEDED")) {
            return nothingToRefund(refund, "the charge was declined");
        }
        update("INSERT INTO order_refunds (id, refund_key, payment_id, order_id, amount_minor, currency, reason, "
                        + "status, business_time) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?) "
                        + "ON CONFLICT (refund_key) DO NOTHING", UUID.randomUUID(), refund.refundKey(), payment.id,
                refund.orderId(), payment.amountMinor, payment.currency, refund.reason(),
                Timestamp.from(refund.businessTime()));
        OrderRefundRow row = refundRow(refund.refundKey()).orElseThrow();
        if (row.status.equals("PENDING")) {
            GatewayResult result = callGateway(() -> gateway.refund(new GatewayRefund(row.key, payment.gatewayReference,
                    row.amountMinor, row.currency)));
            if (update("UPDATE order_refunds SET status = ?, failure_code = ?, gateway_reference = ?, "
                            + "updated_at = now() WHERE id = ? AND status = 'PENDING'",
                    result.approved() ? "SUCCEEDED" : "FAILED", result.declineCode(), result.reference(), row.id) == 1
                    && result.approved()) {
                metrics.refunded(row.currency, row.amountMinor);
            }
        }
        OrderRefundRow done = refundRow(refund.refundKey()).orElseThrow();
        if (done.status.equals("FAILED")) {
            throw ApplicationFailure.newNonRetryableFailure("Refund " + done.key + " refused by the provider: "
                    + done.failureCode, PaymentRefusals.REFUND_REFUSED);
        }
        return new RefundReceipt(done.id.toString(), done.key, done.amountMinor, done.currency, done.gatewayReference);
    }

    /** A PENDING charge (its call failed or timed out) asked again with the same key: the provider's answer. */
    private OrderPayment settled(OrderPayment payment) {
        if (!payment.status.equals("PENDING")) {
            return payment;
        }
        GatewayResult result = callGateway(() -> gateway.charge(new GatewayCharge(payment.key, payment.amountMinor,
                payment.currency, payment.paymentMethod)));
        if (update("UPDATE order_payments SET status = ?, decline_code = ?, gateway_reference = ?, updated_at = now() "
                        + "WHERE id = ? AND status = 'PENDING'", result.approved() ? "SUCCEEDED" : "DECLINED",
                result.declineCode(), result.reference(), payment.id) == 1) {
            metrics.charged("order", result.approved() ? "succeeded" : "declined", payment.currency,
                    payment.amountMinor);
        }
        return payment(payment.key).orElseThrow();
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

    private Optional<OrderPayment> payment(String key) {
        return queryOne("SELECT " + PAYMENT_COLUMNS + " FROM order_payments WHERE idempotency_key = ?",
                row -> new OrderPayment(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        row.getLong(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                        row.getString(9), row.getTimestamp(10).toInstant()), key);
    }

    private Optional<OrderRefundRow> refundRow(String key) {
        return queryOne("SELECT " + REFUND_COLUMNS + " FROM order_refunds WHERE refund_key = ?",
                row -> new OrderRefundRow(row.getObject(1, UUID.class), row.getString(2), row.getLong(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7)), key);
    }

    private record OrderPayment(UUID id, String key, String orderId, long amountMinor, String currency,
                                String paymentMethod, String status, String declineCode, String gatewayReference,
                                Instant businessTime) {
    }

    private record OrderRefundRow(UUID id, String key, long amountMinor, String currency, String status,
                                  String failureCode, String gatewayReference) {
    }

    /** Each statement in its own short transaction: no connection is held while the provider is called. */
    private int update(String sql, Object... parameters) {
        return transactions.executeWrite(status -> Statements.update(jdbc, sql, parameters));
    }

    private <T> Optional<T> queryOne(String sql, Statements.RowMapper<T> mapper, Object... parameters) {
        return transactions.executeRead(status -> Statements.queryOne(jdbc, sql, mapper, parameters));
    }
}
