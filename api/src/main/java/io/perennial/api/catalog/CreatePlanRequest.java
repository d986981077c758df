package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.subscription.DunningOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A plan of a product: billed every {@code interval}, with one price per currency, an optional trial and, for a
 * physical product, the box each paid period ships. It starts at version 1. {@code dunningOutcome}: what happens when
 * dunning is used up, {@code CANCEL} (the default) or {@code SUSPEND}.
 */
@Serdeable
public record CreatePlanRequest(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{1,62}") String id,
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{1,62}") String productId,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid IntervalBody interval,
        @Nullable @Valid IntervalBody trial,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid PriceBody> prices,
        @Nullable @Size(max = 50) List<@NotNull @Valid BoxItemBody> box,
        @Nullable DunningOutcome dunningOutcome) {
}
