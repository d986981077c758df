package io.perennial.customer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One refresh token of a sign-in session ({@code familyId}: every token one login led to). Only the token's
 * SHA-256 is stored; the token itself exists only at the client.
 */
@MappedEntity("refresh_tokens")
public record RefreshToken(@Id UUID id, UUID familyId, UUID userId, String tokenHash, Instant issuedAt,
                           Instant expiresAt, @Nullable Instant usedAt, @Nullable Instant revokedAt) {

    public static RefreshToken issue(UUID familyId, UUID userId, String tokenHash, Instant now, Instant expiresAt) {
        return new RefreshToken(UUID.randomUUID(), familyId, userId, tokenHash, now, expiresAt, null, null);
    }
}
