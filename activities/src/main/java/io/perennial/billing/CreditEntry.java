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
 * @param grantKey for a clawback, the entry key of the grant it takes back
 */
@MappedEntity("credit_entries")
public record CreditEntry(@Id UUID id, String entryKey, UUID customerId, String currency, CreditEntryKind kind,
                          long amountMinor, String reason, @Nullable UUID invoiceId, @Nullable String grantKey,
                          Instant businessTime, Instant createdAt) {
}
