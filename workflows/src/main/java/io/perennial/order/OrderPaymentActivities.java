package io.perennial.order;

import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.RefundReceipt;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Charges and refunds of one-off orders, through the same payment gateway as subscriptions. */
@ActivityInterface
public interface OrderPaymentActivities {

    /**
     * Charges the order at most once per {@link OrderCharge#idempotencyKey()}. A decline is an
     * {@code ApplicationFailure} of type {@code PaymentFailures.PAYMENT_DECLINED} (not retried); gateway timeouts
     * and 5xx are retried.
     */
    @ActivityMethod(name = "ChargeOrder")
    ChargeReceipt chargeOrder(OrderCharge charge);

    /**
     * Refunds the order's charge in full, at most once. A charge whose outcome is still unknown (its call timed out)
     * is settled with the gateway first, so a charge in doubt is never kept.
     */
    @ActivityMethod(name = "RefundOrder")
    RefundReceipt refundOrder(OrderRefund refund);
}
