package io.perennial.customer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One "forgot password" link; the mail holds the token, this row only its SHA-256. */
@MappedEntity("password_resets")
public record PasswordReset(@Id UUID id, UUID userId, String tokenHash, Instant createdAt, Instant expiresAt,
                            @Nullable Instant usedAt) {
}
