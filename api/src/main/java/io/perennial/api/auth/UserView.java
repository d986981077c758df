package io.perennial.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccount;

import java.time.Instant;
import java.util.UUID;

/** An account as admins see it: never its password hash. */
@Serdeable
public record UserView(UUID id, String email, Role role, @Nullable UUID customerId, Instant createdAt) {

    static UserView of(UserAccount user) {
        return new UserView(user.id(), user.email(), user.role(), user.customerId(), user.createdAt());
    }
}
