package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.subscription.PauseTiming;

import java.time.Instant;

/**
 * @param timing   {@code AT_PERIOD_END} (default: the paid period runs out first) or {@code IMMEDIATELY} (the
 *                 unused days become account credit)
 * @param resumeAt optional: resume automatically then
 */
@Serdeable
public record PauseSubscriptionRequest(@Nullable PauseTiming timing, @Nullable Instant resumeAt) {
}
