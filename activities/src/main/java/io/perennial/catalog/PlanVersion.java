package io.perennial.catalog;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.perennial.subscription.IntervalUnit;

import java.time.Instant;

/** One version of a plan's terms; its prices and box items hang off (plan id, version). */
@Introspected
public record PlanVersion(String planId, int version, @Nullable IntervalUnit trialUnit, @Nullable Integer trialCount,
                          @Nullable String note, Instant createdAt) {
}
