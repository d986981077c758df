package io.perennial.catalog;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.perennial.subscription.BillingInterval;
import io.perennial.subscription.IntervalUnit;

import java.time.Instant;

/**
 * How a product is billed: every {@code intervalCount} {@code intervalUnit}s. Prices, trial and box live in the
 * plan's versions ({@link PlanOffer}); {@code currentVersion} is what new subscribers get.
 */
@MappedEntity("plans")
public record Plan(@Id String id, String productId, String name, PlanKind kind, IntervalUnit intervalUnit,
                   int intervalCount, int currentVersion, boolean active, Instant createdAt) {

    public BillingInterval interval() {
        return new BillingInterval(intervalUnit, intervalCount);
    }
}
