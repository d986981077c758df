package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;

/** Moves subscribers of older versions to {@code toVersion} (default: the current one), from their next period. */
@Serdeable
public record MigratePlanRequest(@Nullable @Min(1) Integer toVersion) {
}
