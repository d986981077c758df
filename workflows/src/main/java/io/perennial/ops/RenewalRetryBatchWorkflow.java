package io.perennial.ops;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One bulk "retry now" of failed renewals, e.g. after a payment provider outage, with id
 * {@code renewal-retry-{batchId}}: it selects the matching subscriptions once, then signals each to retry. Its
 * progress is a query; the Temporal UI shows it like any other workflow. Running a second batch over the same
 * subscriptions is harmless: each charge's idempotency key comes from the subscription and period, so nothing is
 * charged twice, and a subscription that has recovered ignores the signal.
 */
@WorkflowInterface
public interface RenewalRetryBatchWorkflow {

    @WorkflowMethod
    RenewalRetryProgress run(RenewalRetryRequest request);

    @QueryMethod
    RenewalRetryProgress progress();
}
