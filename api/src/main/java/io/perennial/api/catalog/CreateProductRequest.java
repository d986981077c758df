package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.catalog.PlanKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A product: DIGITAL (a membership) or PHYSICAL (its plans ship boxes of SKUs). */
@Serdeable
public record CreateProductRequest(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{1,62}") String id,
        @NotBlank @Size(max = 200) String name,
        @Nullable @Size(max = 2000) String description,
        @NotNull PlanKind kind) {
}
