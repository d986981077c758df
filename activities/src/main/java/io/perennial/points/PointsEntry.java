package io.perennial.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One movement of a customer's points, signed ({@link PointsEntryKind}).
 *
 * @param paidMinor for an earning, what was paid for it (in {@code currency}), so a refund takes back its share
 * @param sourceKey for a clawback, the entry key of the earning it takes from
 * @param expiresAt for a positive entry, when what is left of it expires
 */
@MappedEntity("points_entries")
public record PointsEntry(@Id UUID id, String entryKey, UUID customerId, PointsEntryKind kind, long points,
                          String reason, @Nullable Long paidMinor, @Nullable String currency,
                          @Nullable String sourceKey, @Nullable Instant expiresAt, Instant businessTime,
                          Instant createdAt) {
}
