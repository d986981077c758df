package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.billing.CouponDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A new coupon: either {@code percentOffBasisPoints} (2500 = 25%) or {@code amountOffMinor} with its
 * {@code currency}; {@code durationPeriods} with REPEATING only.
 */
@Serdeable
public record CreateCouponRequest(
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9_-]+") String code,
        @NotBlank @Size(max = 120) String name,
        @Nullable @Min(1) @Max(10_000) Integer percentOffBasisPoints,
        @Nullable @Min(1) @Max(100_000_000) Long amountOffMinor,
        @Nullable @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull CouponDuration duration,
        @Nullable @Min(1) @Max(120) Integer durationPeriods,
        @Nullable @Min(1) @Max(10_000_000) Integer maxRedemptions,
        @Nullable Instant expiresAt) {

    @AssertTrue(message = "give either percentOffBasisPoints or amountOffMinor with currency")
    public boolean isOneKindOfDiscount() {
        return (percentOffBasisPoints != null) != (amountOffMinor != null)
                && (amountOffMinor == null) == (currency == null);
    }

    @AssertTrue(message = "durationPeriods is required for REPEATING and only for it")
    public boolean isDurationConsistent() {
        return (duration == CouponDuration.REPEATING) == (durationPeriods != null);
    }
}
