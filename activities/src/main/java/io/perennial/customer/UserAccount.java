package io.perennial.customer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone who can sign in: a user of a customer account (with their role in it), or a member of staff (ops, admin)
 * with no customer.
 */
@MappedEntity("users")
public record UserAccount(@Id UUID id, String email, String passwordHash, Role role,
                          @Nullable UUID customerId, Instant createdAt, @Nullable AccountRole accountRole) {

    /** A staff account, or a customer account's first user: its owner. */
    public UserAccount(UUID id, String email, String passwordHash, Role role, @Nullable UUID customerId,
                       Instant createdAt) {
        this(id, email, passwordHash, role, customerId, createdAt, customerId == null ? null : AccountRole.OWNER);
    }
}
