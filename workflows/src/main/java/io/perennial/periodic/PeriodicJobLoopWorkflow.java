package io.perennial.periodic;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The embedded mode's stand-in for a Temporal Schedule: the in-process test server does not implement the Schedule
 * API, so a job's runs are started by this workflow's timer, which follows the test clock like every other timer.
 * Its id is the Schedule's ({@link PeriodicJob#scheduleId()}); each run is a child workflow of the job's type with id
 * {@code {scheduleId}-{business time}}, like a Schedule's runs.
 */
@WorkflowInterface
public interface PeriodicJobLoopWorkflow {

    @WorkflowMethod
    void run(PeriodicJobLoop loop);
}
