package io.perennial.providerevent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A cardholder's dispute of a payment; its invoice reads as disputed (V22). {@code status}: OPEN until the provider
 * decides it, then WON or LOST (V81), at {@code closedAt}.
 */
@MappedEntity("payment_disputes")
public record PaymentDispute(@Id UUID id, String disputeId, UUID paymentId, @Nullable UUID invoiceId,
                             UUID subscriptionId, long amountMinor, String currency, @Nullable String reason,
                             String eventId, Instant openedAt, Instant createdAt, String status,
                             @Nullable Instant closedAt, @Nullable String closeEventId) {
}
