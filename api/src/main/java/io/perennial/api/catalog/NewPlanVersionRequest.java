package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.subscription.DunningOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The next version of a plan: its prices (all of them), and optionally a new trial, box or dunning outcome; what is
 * left out is carried over from the current version. New subscribers get it; existing ones keep theirs until migrated.
 */
@Serdeable
public record NewPlanVersionRequest(
        @NotEmpty @Size(max = 20) List<@NotNull @Valid PriceBody> prices,
        @Nullable @Valid IntervalBody trial,
        @Nullable @Size(max = 50) List<@NotNull @Valid BoxItemBody> box,
        @Nullable @Size(max = 500) String note,
        @Nullable DunningOutcome dunningOutcome) {
}
