package io.perennial.catalog;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.perennial.subscription.DunningOutcome;
import io.perennial.subscription.IntervalUnit;

import java.time.Instant;

/**
 * One version of a plan's terms; its prices and box items hang off (plan id, version). {@code dunningOutcome}: what
 * happens when dunning is used up (CANCEL for versions from before it could be chosen).
 */
@Introspected
public record PlanVersion(String planId, int version, @Nullable IntervalUnit trialUnit, @Nullable Integer trialCount,
                          @Nullable String note, @Nullable DunningOutcome dunningOutcome, Instant createdAt) {
    public PlanVersion {
        dunningOutcome = dunningOutcome == null ? DunningOutcome.CANCEL : dunningOutcome;
    }
}
