package io.perennial.ops;

import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A refund that ops give of a subscription's paid period (goodwill, a complaint, a duplicate order), with id
 * {@code refund-{refundKey}}: one run per key, so a retried request never refunds twice. It is its own workflow, not
 * an Update on the subscription, so an ended subscription can be refunded too, and a provider outage mid-refund
 * is retried durably under the same key until it goes through.
 */
@WorkflowInterface
public interface PeriodRefundWorkflow {

    /** Gives back min(asked, paid − already refunded) of the period; the receipt says how much (0 when nothing). */
    @WorkflowMethod
    RefundReceipt refund(RefundRequest request);
}
