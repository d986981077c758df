package io.perennial.api.tax;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A tax rate: {@code ratePercent} (up to four decimals, e.g. {@code 20} or {@code 8.875}) of {@code country}'s tax
 * on products of {@code taxCategory} (default {@code standard}), valid from {@code validFrom} until
 * {@code validTo} (exclusive, optional). On PUT, country and category are those of the rate and may not change.
 */
@Serdeable
public record TaxRateRequest(
        @NotNull @Pattern(regexp = "[A-Z]{2}") String country,
        @Nullable @Pattern(regexp = "[a-z][a-z0-9_-]{0,31}") String taxCategory,
        @NotBlank @Size(max = 60) String name,
        @NotNull @DecimalMin("0") @DecimalMax(value = "100", inclusive = false) @Digits(integer = 2, fraction = 4)
        BigDecimal ratePercent,
        @NotNull Instant validFrom,
        @Nullable Instant validTo) {

    public String category() {
        return taxCategory == null ? "standard" : taxCategory;
    }
}
