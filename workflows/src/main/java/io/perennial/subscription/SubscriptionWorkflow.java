package io.perennial.subscription;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One workflow per subscription, id {@code subscription-{subscriptionId}}, living as long as the subscription. */
@WorkflowInterface
public interface SubscriptionWorkflow {

    /** Runs the subscription until it is canceled; returns its final state. */
    @WorkflowMethod
    SubscriptionState run(SubscriptionStart start);

    @SignalMethod
    void cancel(CancelRequest request);

    @QueryMethod
    SubscriptionState state();
}
