package io.perennial.points;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One expiry run, started by its Schedule ({@code schedule-points-expiry}): points past their expiry as of now. */
@WorkflowInterface
public interface PointsExpiryWorkflow {

    @WorkflowMethod
    ExpiredPoints run(PointsExpiryRequest request);
}
