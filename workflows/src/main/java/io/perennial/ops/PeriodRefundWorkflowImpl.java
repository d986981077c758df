package io.perennial.ops;

import io.perennial.payment.PaymentActivities;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

public class PeriodRefundWorkflowImpl implements PeriodRefundWorkflow {
    private static final Logger log = Workflow.getLogger(PeriodRefundWorkflowImpl.class);

    /** The provider's outages are retried until it answers; a refusal is final. */
    private final PaymentActivities payments = ActivityStubs.remote(PaymentActivities.class,
            RetryPolicies.GATEWAY_REFUND);

    @Override
    public RefundReceipt refund(RefundRequest request) {
        RefundReceipt receipt = payments.refund(request);
        log.info("Ops refund {} of period {} of subscription {}: {} {}", request.refundKey(), request.period(),
                request.subscriptionId(), receipt.amountMinor(), receipt.currency());
        return receipt;
    }
}
