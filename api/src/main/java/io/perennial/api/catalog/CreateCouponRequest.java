package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.billing.CouponDuration;
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

    /**
     * The rules that span fields, checked by the controller: Micronaut's validation does not see {@code @AssertTrue}
     * methods on a record (they were dead code, and the database's check constraints answered a 500 instead).
     *
     * @return the first broken rule as a JSON pointer and a message, or null when the request is consistent
     */
    public String[] inconsistency(Instant now) {
        if (percentOffBasisPoints != null && amountOffMinor != null) {
            return new String[] {"/amountOffMinor",
                "a coupon has one kind of discount: percentOffBasisPoints or amountOffMinor, not both"};
        }
        if (percentOffBasisPoints == null && amountOffMinor == null) {
            return new String[] {"/percentOffBasisPoints",
                "give either percentOffBasisPoints or amountOffMinor with currency"};
        }
        if ((amountOffMinor == null) != (currency == null)) {
            return new String[] {"/currency", "currency goes with amountOffMinor and only with it"};
        }
        if (currency != null && java.util.Currency.getAvailableCurrencies().stream()
                .noneMatch(known -> known.getCurrencyCode().equals(currency))) {
            return new String[] {"/currency", "not an ISO 4217 currency: " + currency};
        }
        if ((duration == CouponDuration.REPEATING) != (durationPeriods != null)) {
            return new String[] {"/durationPeriods", "durationPeriods is required for REPEATING and only for it"};
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return new String[] {"/expiresAt", "a new coupon expires in the future"};
        }
        return null;
    }
}
