package io.perennial.inventory;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Duration;
import java.time.Instant;

/** A row of {@code suppliers}; the lead time is stored in seconds. */
@MappedEntity("suppliers")
public record SupplierRecord(@Id String id, String name, long leadTimeSeconds, Instant createdAt) {

    public Supplier supplier() {
        return new Supplier(id, name, Duration.ofSeconds(leadTimeSeconds), createdAt);
    }
}
