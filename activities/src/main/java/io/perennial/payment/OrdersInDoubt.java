package io.perennial.payment;

import io.micronaut.transaction.TransactionOperations;
import io.perennial.order.OrderRefund;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Order charges whose answer was lost, as {@link ChargesInDoubt} for subscriptions: asks the provider by the charge's
 * key what it holds and stores that, and gives back what was taken for an order that ended without going through.
 * The refund is the order's own ({@link OrderRefund#refundKey()}, {@code order-{orderId}:refund}): the order's refund
 * step and the sweep share one row and one provider key, so an order is never refunded twice. Provider calls throw
 * {@link GatewayUnavailableException}; each statement is its own short transaction (no connection is held while the
 * provider is called).
 */
@Singleton
public class OrdersInDoubt {

    private final PaymentGateway gateway;
    private final OrderPaymentRepository payments;
    private final OrderRefundRepository refunds;
    private final TransactionOperations<Connection> transactions;
    private final BillingMetrics metrics;

    public OrdersInDoubt(PaymentGateway gateway, OrderPaymentRepository payments, OrderRefundRepository refunds,
                         TransactionOperations<Connection> transactions, BillingMetrics metrics) {
        this.gateway = gateway;
        this.payments = payments;
        this.refunds = refunds;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /**
     * Stores what the provider booked under a PENDING charge's key (SUCCEEDED or DECLINED) and returns the charge as
     * stored; one the provider never booked is returned still PENDING. Never charges: the provider is asked, not
     * charged again.
     */
    public OrderPaymentRecord askProvider(OrderPaymentRecord pending) {
        Optional<GatewayResult> booked = gateway.findCharge(pending.idempotencyKey());
        if (booked.isEmpty()) {
            return pending;
        }
        GatewayResult result = booked.get();
        // A request still waiting for the customer is not an answer: the order's own wait reads it.
        if (!result.approved() && DeclineCodes.AUTHENTICATION_REQUIRED.equals(result.declineCode())) {
            return pending;
        }
        return settle(pending, result);
    }

    /**
     * Stores an answer the provider gave by other means (a signed webhook event) for a PENDING charge, as
     * {@link #askProvider} stores the one it asks for; a settled charge is returned as stored.
     */
    public OrderPaymentRecord settle(OrderPaymentRecord pending, GatewayResult result) {
        PaymentStatus status = result.approved() ? PaymentStatus.SUCCEEDED : PaymentStatus.DECLINED;
        int stored = write(() -> payments.settle(pending.id(), status.name(), result.declineCode(),
                result.reference()));
        if (stored == 1) {
            metrics.charged("order", result.approved() ? "succeeded" : "declined", pending.currency(),
                    pending.amountMinor());
        }
        return read(() -> payments.findById(pending.id())).orElseThrow();
    }

    /**
     * The provider says it took money under a charge our ledger holds as DECLINED or ABANDONED (a late approval):
     * recorded as SUCCEEDED with its reference, so the books show the charge its refund will give back. Returns the
     * charge as stored.
     */
    public OrderPaymentRecord recordLateApproval(OrderPaymentRecord declined, String reference) {
        int stored = write(() -> payments.recordLateApproval(declined.id(), reference));
        if (stored == 1) {
            metrics.charged("order", "succeeded", declined.currency(), declined.amountMinor());
        }
        return read(() -> payments.findById(declined.id())).orElseThrow();
    }

    /** A PENDING charge the provider never booked, for an order that ended: off the books. */
    public OrderPaymentRecord abandon(OrderPaymentRecord pending) {
        write(() -> payments.abandon(pending.id()));
        return read(() -> payments.findById(pending.id())).orElseThrow();
    }

    /**
     * Gives back what is left of a SUCCEEDED charge (what it took less what was given back already, e.g. a refund made
     * at the provider), once, under the order's refund key: the refund as stored (SUCCEEDED, FAILED when the provider
     * refused it, PENDING when an earlier try went unanswered and the provider is asked again under the same key
     * now). Empty when nothing is left to give back.
     */
    public Optional<OrderRefundRecord> refundWhatIsLeft(OrderPaymentRecord taken, String reason,
                                                        Instant businessTime) {
        return refundUpTo(taken, new OrderRefund(taken.orderId(), reason, businessTime).refundKey(), Long.MAX_VALUE,
                reason, businessTime);
    }

    /**
     * Gives back up to {@code askedMinor} of a SUCCEEDED charge, never more than it took less what was given back or
     * is being given back already, once per {@code refundKey} (asked again, the same refund, as stored or as the
     * provider now answers it). Empty when nothing is left.
     */
    public Optional<OrderRefundRecord> refundUpTo(OrderPaymentRecord taken, String refundKey, long askedMinor,
                                                  String reason, Instant businessTime) {
        Optional<OrderRefundRecord> booked = transactions.executeWrite(status -> {
            // Locked, so a refund recorded from the provider's webhook meanwhile is counted, not given twice.
            payments.lock(taken.id()).orElseThrow();
            Optional<OrderRefundRecord> earlier = refunds.findByRefundKey(refundKey);
            if (earlier.isPresent()) {
                return earlier;
            }
            long left = Math.min(askedMinor, taken.amountMinor() - refunds.refundedOrPending(taken.id()));
            if (left <= 0) {
                return Optional.<OrderRefundRecord>empty();
            }
            refunds.insertPending(UUID.randomUUID(), refundKey, taken.id(), taken.orderId(), left, taken.currency(),
                    reason, businessTime);
            return refunds.findByRefundKey(refundKey);
        });
        if (booked.isEmpty()) {
            return Optional.empty();
        }
        OrderRefundRecord row = booked.get();
        if (row.status() == RefundStatus.PENDING) {
            GatewayResult result = gateway.refund(new GatewayRefund(row.refundKey(), taken.gatewayReference(),
                    row.amountMinor(), row.currency()));
            int stored = write(() -> refunds.settle(row.id(), result.approved() ? "SUCCEEDED" : "FAILED",
                    result.declineCode(), result.reference()));
            if (stored == 1 && result.approved()) {
                metrics.refunded(row.currency(), row.amountMinor());
            }
        }
        return refund(refundKey);
    }

    /**
     * Refunds the provider reports for a charge ({@code refundedAtProvider}: its cumulative {@code amount_refunded})
     * beyond what our ledger has given back or is giving back, made outside Perennial (Stripe's Dashboard): recorded as
     * one SUCCEEDED refund under {@code {chargeKey}:provider-refund:{refundedAtProvider}} (the same total told twice
     * records once), never sent to the provider. Empty when the ledger already has it all.
     */
    public Optional<OrderRefundRecord> recordMadeAtProvider(OrderPaymentRecord charge, long refundedAtProvider,
                                                            String reference, Instant businessTime) {
        return transactions.executeWrite(status -> {
            OrderPaymentRecord locked = payments.lock(charge.id()).orElseThrow();
            String refundKey = locked.idempotencyKey() + ":provider-refund:" + refundedAtProvider;
            if (refunds.findByRefundKey(refundKey).isPresent()) {
                return Optional.<OrderRefundRecord>empty();
            }
            long missing = Math.min(refundedAtProvider, locked.amountMinor()) - refunds.refundedOrPending(locked.id());
            if (missing <= 0) {
                return Optional.<OrderRefundRecord>empty();
            }
            UUID id = UUID.randomUUID();
            refunds.insertPending(id, refundKey, locked.id(), locked.orderId(), missing, locked.currency(),
                    "made_at_provider", businessTime);
            refunds.settle(id, RefundStatus.SUCCEEDED.name(), null, reference);
            metrics.refunded(locked.currency(), missing);
            return refunds.findById(id);
        });
    }

    public Optional<OrderRefundRecord> refund(String refundKey) {
        return read(() -> refunds.findByRefundKey(refundKey));
    }

    private <T> T read(Supplier<T> query) {
        return transactions.executeRead(status -> query.get());
    }

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
