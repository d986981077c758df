package io.perennial.reconciliation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface ReconciliationActivities {

    /**
     * Runs one sweep and stores its report, once per run key (a retry after the report is stored returns it).
     * Provider failures for one charge leave that charge for the next sweep; they do not fail the activity.
     */
    @ActivityMethod(name = "ReconcileChargesInDoubt")
    SweepReport sweep(SweepRun run);
}
