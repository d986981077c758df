package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An add-on of the catalogue a subscription carries: {"code":"priority-support","quantity":1} (absent: 1). */
@Serdeable
public record AddOnChoice(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{1,62}") String code,
                          @Nullable @Min(1) @Max(10_000) Integer quantity) {

    int quantityOrOne() {
        return quantity == null ? 1 : quantity;
    }
}
