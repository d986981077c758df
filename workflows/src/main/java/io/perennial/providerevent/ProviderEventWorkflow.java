package io.perennial.providerevent;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Applies one verified provider webhook event ({@code provider-event-{eventId}}), started by the API: the API reads
 * and verifies, the worker changes the ledger and signals the workflows concerned (the module rule).
 */
@WorkflowInterface
public interface ProviderEventWorkflow {

    @WorkflowMethod
    ProviderEventOutcome apply(ProviderEvent event);
}
