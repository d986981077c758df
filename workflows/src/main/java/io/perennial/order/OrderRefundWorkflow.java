package io.perennial.order;

import io.perennial.payment.RefundReceipt;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A refund that ops give of an order (a return, a damaged parcel, goodwill), with id {@code refund-{refundKey}}: one
 * run per key, so a retried request never refunds twice. Its own workflow, not a signal to the order's saga, so an
 * order long delivered (its workflow closed) can be refunded, and a provider outage mid-refund is waited out.
 */
@WorkflowInterface
public interface OrderRefundWorkflow {

    /** Gives back min(asked, charged − already refunded) of the order; the receipt says how much (0 when nothing). */
    @WorkflowMethod
    RefundReceipt refund(OrderRefundRequest request);
}
