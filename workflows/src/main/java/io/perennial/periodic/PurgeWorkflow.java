package io.perennial.periodic;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One purge, started by its Schedule ({@link PeriodicJob}). */
@WorkflowInterface
public interface PurgeWorkflow {

    @WorkflowMethod
    PurgeResult run(PurgeRequest request);
}
