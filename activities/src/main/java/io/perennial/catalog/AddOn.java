package io.perennial.catalog;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An extra item a subscription can carry, billed each period on the plan's invoice; priced in {@link AddOnOffer}. */
@MappedEntity("add_ons")
public record AddOn(@Id String code, String name, boolean active, Instant createdAt) {
}
