package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;

/**
 * @param period optional: the period whose box the caller means ({@code nextBox.period}); if that box was billed in
 *               the meantime the answer is 409 instead of skipping the one after it
 */
@Serdeable
public record SkipNextBoxRequest(@Nullable @Min(1) Integer period) {
}
