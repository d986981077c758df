package io.perennial.periodic;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface PurgeActivities {

    /**
     * Deletes what has outlived its use. The cut-off is wall-clock time, not the workflow's: tokens and keys expire in
     * real time whatever the test clock says. Deleting twice deletes nothing more.
     */
    @ActivityMethod(name = "Purge")
    PurgeResult purge(PurgeRequest request);
}
