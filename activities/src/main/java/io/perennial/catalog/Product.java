package io.perennial.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Something we sell: digital (a membership) or physical (boxes of SKUs). Plans are how it is billed. */
@MappedEntity("products")
public record Product(@Id String id, String name, @Nullable String description, PlanKind kind, boolean active,
                      Instant createdAt) {
}
