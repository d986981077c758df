package io.perennial.periodic;

import io.perennial.temporal.ActivityStubs;

public class PurgeWorkflowImpl implements PurgeWorkflow {

    private final PurgeActivities purges = ActivityStubs.database(PurgeActivities.class);

    @Override
    public PurgeResult run(PurgeRequest request) {
        return purges.purge(request);
    }
}
