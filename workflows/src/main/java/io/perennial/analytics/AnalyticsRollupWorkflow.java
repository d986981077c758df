package io.perennial.analytics;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One roll-up of analytics facts: started by its Schedule every day, or by ops for a backfill. */
@WorkflowInterface
public interface AnalyticsRollupWorkflow {

    @WorkflowMethod
    RollupResult run(RollupRequest request);
}
