package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One movement of a customer's account credit, signed: positive for {@link CreditEntryKind#GRANT} and
 * {@link CreditEntryKind#RETURNED}, negative (or zero for a clawback that found nothing) otherwise.
 *
 * @param grantKey       for a clawback, the entry key of the grant it takes back
 * @param subscriptionId for a grant that gives back part of a paid period, the subscription, with the period in
 *                       {@code sourcePeriod}
 */
@MappedEntity("credit_entries")
public record CreditEntry(@Id UUID id, String entryKey, UUID customerId, String currency, CreditEntryKind kind,
                          long amountMinor, String reason, @Nullable UUID invoiceId, @Nullable String grantKey,
                          Instant businessTime, Instant createdAt, @Nullable UUID subscriptionId,
                          @Nullable Integer sourcePeriod) {
}
