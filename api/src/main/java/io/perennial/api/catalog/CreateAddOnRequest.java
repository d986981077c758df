package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * An add-on: one price per currency, billed per period of the plan it is added to, for the plans listed in
 * {@code planIds} (absent or empty: every plan).
 */
@Serdeable
public record CreateAddOnRequest(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{1,62}") String code,
        @NotBlank @Size(max = 200) String name,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid PriceBody> prices,
        @Nullable @Size(max = 100) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{1,62}") String> planIds) {
}
