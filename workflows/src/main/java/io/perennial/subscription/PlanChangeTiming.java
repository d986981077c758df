package io.perennial.subscription;

public enum PlanChangeTiming {
    /** Upgrades, interval changes, and any change during a trial or a pause. */
    IMMEDIATELY,
    /** Downgrades: the paid period runs out on the old plan. */
    AT_PERIOD_END
}
