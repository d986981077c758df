package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * A change of what the subscription bills each period: {@code {"quantity":5}}, or one add-on's quantity
 * {@code {"addOn":"priority-support","addOnQuantity":2}} (0 removes it). Increases are charged prorated now;
 * decreases and removals apply at the period end unless {@code "effective":"NOW"} (then the unused time is credited).
 */
@Serdeable
public record ChangeItemsRequest(@Nullable @Min(1) @Max(10_000) Integer quantity,
                                 @Nullable @Pattern(regexp = "[a-z0-9][a-z0-9_-]{1,62}") String addOn,
                                 @Nullable @Min(0) @Max(10_000) Integer addOnQuantity,
                                 @Nullable @Pattern(regexp = "NOW|PERIOD_END") String effective) {

    boolean effectiveNow() {
        return "NOW".equals(effective);
    }
}
