package io.perennial.points;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.BusinessTime;
import io.perennial.temporal.RetryPolicies;

import java.time.Duration;

public class PointsExpiryWorkflowImpl implements PointsExpiryWorkflow {

    /** One transaction per customer; a run over many customers takes a while and is safe to retry whole. */
    private final PointsActivities points = ActivityStubs.stub(PointsActivities.class, Duration.ofMinutes(5),
            RetryPolicies.DATABASE);

    @Override
    public ExpiredPoints run(PointsExpiryRequest request) {
        // The workflow's clock, so that points expire on the test clock in the embedded mode.
        return points.expirePoints(new PointsExpiryCut(BusinessTime.now()));
    }
}
