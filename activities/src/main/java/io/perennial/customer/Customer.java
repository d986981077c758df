package io.perennial.customer;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("customers")
public record Customer(@Id UUID id, String email, String name, Instant createdAt) {
}
