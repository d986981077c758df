package io.perennial.order;

import io.perennial.payment.RefundReceipt;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

public class OrderRefundWorkflowImpl implements OrderRefundWorkflow {
    private static final Logger log = Workflow.getLogger(OrderRefundWorkflowImpl.class);

    /** The provider's outages are retried until it answers; a refusal is final. */
    private final OrderRefundActivities refunds = ActivityStubs.remote(OrderRefundActivities.class,
            RetryPolicies.GATEWAY_REFUND);

    @Override
    public RefundReceipt refund(OrderRefundRequest request) {
        RefundReceipt receipt = refunds.refundPart(request);
        log.info("Ops refund {} of order {}: {} {} (asked {})", request.refundKey(), request.orderId(),
                receipt.amountMinor(), receipt.currency(), request.amountMinor());
        return receipt;
    }
}
