package io.perennial.customer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** Someone who can sign in: a customer, or a member of staff (ops, admin) with no customer. */
@MappedEntity("users")
public record UserAccount(@Id UUID id, String email, String passwordHash, Role role,
                          @Nullable UUID customerId, Instant createdAt) {
}
