package io.perennial.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An extra item a subscription can carry, billed each period on the plan's invoice; priced in {@link AddOnOffer}.
 *
 * @param retiredAt  when admins stopped offering it (null while offered; {@code active} is then false)
 * @param repricedAt when its prices were last replaced (null: as created)
 */
@MappedEntity("add_ons")
public record AddOn(@Id String code, String name, boolean active, Instant createdAt, @Nullable Instant retiredAt,
                    @Nullable Instant repricedAt) {
}
