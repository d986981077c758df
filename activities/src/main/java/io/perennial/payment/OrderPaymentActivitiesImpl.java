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
    private final TransactionOperations<Connection> transactions;
    private final PaymentGateway gateway;
    private final BillingMetrics metrics;
    private final OrdersInDoubt ordersInDoubt;

    public OrderPaymentActivitiesImpl(OrderPaymentRepository payments, TransactionOperations<Connection> transactions,
                                      PaymentGateway gateway, BillingMetrics metrics, OrdersInDoubt ordersInDoubt) {
        this.payments = payments;
        this.ordersInDoubt = ordersInDoubt;
        this.transactions = transactions;
        this.gateway = gateway;
        this.metrics = metrics;
    }

    /**
     * A charge the issuer asks the customer to authenticate is stored REQUIRES_ACTION when the order offers it
     * ({@link AuthenticationOffer#OFFERED}) and thrown as a decline {@code authentication_required}; repeats under the
     * same key never charge again but read the customer's answer from the provider ({@link CustomerActionOutcomes}),
     * and once the offer is over ({@link AuthenticationOffer#EXPIRED}) close the provider's request first.
     */
    @Override
    public ChargeReceipt chargeOrder(OrderCharge charge) {
        write(() -> payments.insertPending(UUID.randomUUID(), charge.idempotencyKey(), charge.orderId(),
                UUID.fromString(charge.customerId()), charge.amountMinor(), charge.currency(), charge.paymentMethod(),
                charge.businessTime()));
        // The key derives from the order id, so the row found is this order's.
        OrderPaymentRecord payment = settled(payment(charge.idempotencyKey()).orElseThrow(), charge.offer());
        if (payment.status() == PaymentStatus.ABANDONED) {
            // The reconciliation sweep found it never booked once its order had ended: never tried again.
            throw ApplicationFailure.newNonRetryableFailure("Charge " + payment.idempotencyKey() + " was abandoned",
                    PaymentFailures.PAYMENT_DECLINED,
                    new PaymentDecline(payment.id().toString(), "charge_abandoned", "The charge was abandoned."));
        }
        if (payment.status() == PaymentStatus.DECLINED || payment.status() == PaymentStatus.REQUIRES_ACTION) {
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
        // A charge still waiting for the customer is closed at the provider first: what it took is given back.
        OrderPaymentRecord payment = settled(charged.get(), AuthenticationOffer.EXPIRED);
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            return nothingToRefund(refund, "the charge was declined");
        }
        // The same refund (key and row) as the reconciliation sweep's for an ended order: given back once.
        Optional<OrderRefundRecord> given = refundOnce(payment, refund);
        if (given.isEmpty()) {
            return nothingToRefund(refund, "all of it was given back already (at the provider)");
        }
        OrderRefundRecord done = given.get();
        if (done.status() == RefundStatus.FAILED) {
            throw ApplicationFailure.newNonRetryableFailure("Refund " + done.refundKey() + " refused by the provider: "
                    + done.failureCode(), PaymentRefusals.REFUND_REFUSED);
        }
        return new RefundReceipt(done.id().toString(), done.refundKey(), done.amountMinor(), done.currency(),
                done.gatewayReference());
    }

    /**
     * A PENDING charge (its call failed or timed out) asked again with the same key: the provider's answer. A charge
     * waiting for the customer (REQUIRES_ACTION): what the customer answered, never a new charge.
     */
    private OrderPaymentRecord settled(OrderPaymentRecord payment, AuthenticationOffer offer) {
        boolean mayStillAct = offer == AuthenticationOffer.OFFERED;
        GatewayResult result;
        if (payment.status() == PaymentStatus.PENDING) {
            result = callGateway(() -> gateway.charge(new GatewayCharge(payment.idempotencyKey(),
                    payment.amountMinor(), payment.currency(), payment.paymentMethod(), payment.customerId())));
            if (offer == AuthenticationOffer.EXPIRED && asksCustomer(result)) {
                result = callGateway(() -> CustomerActionOutcomes.read(gateway, payment.idempotencyKey(), false));
            }
        } else if (payment.status() == PaymentStatus.REQUIRES_ACTION) {
            result = callGateway(() -> CustomerActionOutcomes.read(gateway, payment.idempotencyKey(), mayStillAct));
        } else {
            return payment;
        }
        boolean waits = mayStillAct && asksCustomer(result);
        PaymentStatus status = result.approved() ? PaymentStatus.SUCCEEDED
                : waits ? PaymentStatus.REQUIRES_ACTION : PaymentStatus.DECLINED;
        GatewayResult answer = result;
        int stored = write(() -> payments.settle(payment.id(), status.name(), answer.declineCode(),
                answer.reference()));
        if (stored == 1 && status != PaymentStatus.REQUIRES_ACTION) {
            metrics.charged("order", result.approved() ? "succeeded" : "declined", payment.currency(),
                    payment.amountMinor());
        } else if (stored == 1 && payment.status() == PaymentStatus.PENDING) {
            metrics.charged("order", "requires_action", payment.currency(), payment.amountMinor());
        }
        return payment(payment.idempotencyKey()).orElseThrow();
    }

    private Optional<OrderRefundRecord> refundOnce(OrderPaymentRecord payment, OrderRefund refund) {
        try {
            return ordersInDoubt.refundWhatIsLeft(payment, refund.reason(), refund.businessTime());
        } catch (GatewayUnavailableException e) {
            metrics.providerFailed(e.reason());
            throw e.toRetryableFailure();
        }
    }

    private static boolean asksCustomer(GatewayResult result) {
        return !result.approved() && DeclineCodes.AUTHENTICATION_REQUIRED.equals(result.declineCode());
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
