package io.perennial.customer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One sign-in to the customer portal; the browser holds the session id, this row only its SHA-256. */
@MappedEntity("portal_sessions")
public record PortalSession(@Id UUID id, UUID userId, String sessionHash, Instant createdAt, Instant expiresAt,
                            @Nullable Instant endedAt) {

    public static PortalSession start(UUID userId, String sessionHash, Instant now, Instant expiresAt) {
        return new PortalSession(UUID.randomUUID(), userId, sessionHash, now, expiresAt, null);
    }
}
