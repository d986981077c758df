package io.perennial.api.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** What the points and credit routes take. */
final class PointsRequests {

    private PointsRequests() {
    }

    /** Points to turn into credit, a whole number of redemption blocks; the currency defaults to the configured one. */
    @Serdeable
    record RedemptionRequest(@NotNull @Min(1) @Max(1_000_000_000) Long points,
                             @Nullable @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    /** Points given (positive) or taken (negative) by ops, with a reason. */
    @Serdeable
    record PointsAdjustment(@NotNull @Min(-1_000_000_000) @Max(1_000_000_000) Long points,
                            @NotNull @Pattern(regexp = "[a-z0-9_]{1,64}") String reason) {
    }

    /** Credit given (positive) or taken (negative) by ops, with a reason. */
    @Serdeable
    record CreditAdjustment(@NotNull @Min(-100_000_000) @Max(100_000_000) Long amountMinor,
                            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                            @NotNull @Pattern(regexp = "[a-z0-9_]{1,64}") String reason) {
    }

    /** Points per major unit paid for one plan or SKU. */
    @Serdeable
    record RateRequest(@NotNull @Min(0) @Max(1000) Integer pointsPerUnit) {
    }
}
