package io.perennial.payment;

import io.micronaut.transaction.TransactionOperations;
import io.perennial.order.OrderRefundActivities;
import io.perennial.order.OrderRefundRequest;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.Optional;

/**
 * Ops refunds of part of an order's charge: the refund is stored PENDING with its amount, capped under the charge's
 * lock by what the charge took less what was given back already (the order's own refund, refunds made at the
 * provider, earlier ops refunds), before the provider is called; every retry asks the provider under the same key.
 */
@Singleton
public class OrderRefundActivitiesImpl implements OrderRefundActivities {

    private static final Logger log = LoggerFactory.getLogger(OrderRefundActivitiesImpl.class);

    private final OrderPaymentRepository payments;
    private final TransactionOperations<Connection> transactions;
    private final OrdersInDoubt ordersInDoubt;
    private final BillingMetrics metrics;

    public OrderRefundActivitiesImpl(OrderPaymentRepository payments, TransactionOperations<Connection> transactions,
                                     OrdersInDoubt ordersInDoubt, BillingMetrics metrics) {
        this.payments = payments;
        this.transactions = transactions;
        this.ordersInDoubt = ordersInDoubt;
        this.metrics = metrics;
    }

    @Override
    public RefundReceipt refundPart(OrderRefundRequest request) {
        Optional<OrderPaymentRecord> charged = transactions.executeRead(status ->
                payments.findByIdempotencyKey(request.chargeKey()));
        if (charged.isEmpty() || charged.get().status() != PaymentStatus.SUCCEEDED) {
            // Never charged, declined, or its answer still in doubt (the sweep settles it): nothing taken to give.
            log.info("Nothing to refund of order {} for {}: its charge is {}", request.orderId(), request.refundKey(),
                    charged.map(payment -> payment.status().name()).orElse("absent"));
            return new RefundReceipt(null, request.refundKey(), 0, null, null);
        }
        OrderPaymentRecord payment = charged.get();
        Optional<OrderRefundRecord> given;
        try {
            given = ordersInDoubt.refundUpTo(payment, request.refundKey(), request.amountMinor(), request.reason(),
                    request.businessTime());
        } catch (GatewayUnavailableException e) {
            metrics.providerFailed(e.reason());
            throw e.toRetryableFailure();
        }
        if (given.isEmpty()) {
            log.info("Nothing of order {} left to refund for {}", request.orderId(), request.refundKey());
            return new RefundReceipt(null, request.refundKey(), 0, payment.currency(), null);
        }
        OrderRefundRecord refund = given.get();
        if (refund.status() == RefundStatus.FAILED) {
            throw ApplicationFailure.newNonRetryableFailure("Refund " + refund.refundKey() + " refused by the provider: "
                    + refund.failureCode(), PaymentRefusals.REFUND_REFUSED);
        }
        if (refund.status() == RefundStatus.PENDING) {
            // Asked of the provider again on the next attempt, under the same key.
            throw ApplicationFailure.newFailure("Refund " + refund.refundKey() + " not answered yet",
                    "RefundUnanswered");
        }
        return new RefundReceipt(refund.id().toString(), refund.refundKey(), refund.amountMinor(), refund.currency(),
                refund.gatewayReference());
    }
}
