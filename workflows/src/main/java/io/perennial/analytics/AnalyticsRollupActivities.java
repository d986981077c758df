package io.perennial.analytics;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Computes one day's analytics facts from the ledger (docs/analytics.md). */
@ActivityInterface
public interface AnalyticsRollupActivities {

    /** Replaces the day's fact rows in one transaction; running it twice writes the same rows. */
    @ActivityMethod(name = "RollUpAnalyticsDay")
    DayRolledUp rollUpDay(RollupDay day);
}
