package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;

/**
 * Exactly one of {@code until} and {@code days}.
 *
 * @param until  when the box order should start instead: after its usual start, at most one period later
 * @param days   how many days after its usual start the box order should start
 * @param period optional: the period whose box the caller means ({@code nextBox.period}), as for a skip
 */
@Serdeable
public record DelayNextBoxRequest(@Nullable Instant until, @Nullable @Min(1) @Max(366) Integer days,
                                  @Nullable @Min(1) Integer period) {
}
