package io.perennial.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.subscription.BillingInterval;
import io.perennial.subscription.IntervalUnit;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** "Every {@code count} {@code unit}s": a billing interval or a trial length, e.g. {"unit":"MONTH","count":3}. */
@Serdeable
public record IntervalBody(@NotNull IntervalUnit unit, @Min(1) @Max(1000) int count) {

    BillingInterval interval() {
        return new BillingInterval(unit, count);
    }

    static IntervalBody of(BillingInterval interval) {
        return interval == null ? null : new IntervalBody(interval.unit(), interval.count());
    }
}
