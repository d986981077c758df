package io.perennial.ops;

import io.perennial.payment.PaymentActivities;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;

public class PeriodRefundWorkflowImpl implements PeriodRefundWorkflow {
    private static final Logger log = Workflow.getLogger(PeriodRefundWorkflowImpl.class);

    /** The provider's outages are retried until it answers; a refusal is final. */
    private final PaymentActivities payments = Workflow.newActivityStub(PaymentActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setBackoffCoefficient(2.0)
                            .setMaximumInterval(Duration.ofMinutes(5))
                            .setDoNotRetry(PaymentFailures.PAYMENT_DECLINED, "RefundRefused")
                            .build())
                    .build());

    @Override
    public RefundReceipt refund(RefundRequest request) {
        RefundReceipt receipt = payments.refund(request);
        log.info("Ops refund {} of period {} of subscription {}: {} {}", request.refundKey(), request.period(),
                request.subscriptionId(), receipt.amountMinor(), receipt.currency());
        return receipt;
    }
}
