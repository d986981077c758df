package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A credit note as stored: {@code subtotalMinor} of the invoice's lines credited, the {@code taxMinor} that goes
 * with them, and {@code totalMinor} given back by its {@code outcome}.
 */
@MappedEntity("credit_notes")
public record CreditNoteRecord(@Id UUID id, String number, UUID invoiceId, UUID customerId, String currency,
                               String reason, CreditNoteOutcome outcome, long subtotalMinor, long taxMinor,
                               long totalMinor, @Nullable String refundKey, UUID issuedBy, Instant issuedAt,
                               Instant createdAt) {
}
