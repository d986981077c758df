package io.perennial.worker;

import io.perennial.ops.RenewalRetryBatchWorkflowImpl;
import io.perennial.subscription.SubscriptionWorkflowImpl;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;

import java.util.List;

/**
 * The workflow implementations the worker registers. The replay command replays against the same list, so a
 * workflow the worker hosts can never be left out of the pre-deploy check.
 */
public final class HostedWorkflows {

    public static final List<Class<?>> IMPLEMENTATIONS = List.of(SubscriptionWorkflowImpl.class,
            RenewalRetryBatchWorkflowImpl.class);

    private HostedWorkflows() {
    }

    /** The workflow type names of {@code implementations}, e.g. {@code SubscriptionWorkflow}, in their order. */
    public static List<String> typeNames(List<Class<?>> implementations) {
        return implementations.stream()
                .flatMap(type -> POJOWorkflowImplMetadata.newInstance(type).getWorkflowMethods().stream())
                .map(POJOWorkflowMethodMetadata::getName)
                .distinct()
                .toList();
    }
}
