package io.perennial.order;

import io.perennial.payment.RefundReceipt;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Refunds of part of an order's charge, asked for by ops after the order went through (see {@link OrderRefundWorkflow}). */
@ActivityInterface
public interface OrderRefundActivities {

    /**
     * Gives back min(asked, what the charge took less what was given back already), once per key: the receipt says
     * how much (0 when the order's charge took nothing or all of it was given back). The provider's outages are
     * retryable failures; its refusal is an {@code ApplicationFailure} of type {@code PaymentRefusals.REFUND_REFUSED}
     * (not retried).
     */
    @ActivityMethod(name = "RefundOrderPart")
    RefundReceipt refundPart(OrderRefundRequest request);
}
