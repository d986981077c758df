package io.perennial.providerevent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A cardholder's dispute of a payment; its invoice reads as disputed (V22). {@code status}: OPEN until the provider
 * decides it, then WON or LOST (V81), at {@code closedAt}. {@code kind}: SUBSCRIPTION (a row of {@code payments}, with its
 * subscription and invoice) or ORDER (a row of {@code order_payments}, with {@code orderId}; V83).
 */
@MappedEntity("payment_disputes")
public record PaymentDispute(@Id UUID id, String disputeId, UUID paymentId, @Nullable UUID invoiceId,
                             @Nullable UUID subscriptionId, long amountMinor, String currency, @Nullable String reason,
                             String eventId, Instant openedAt, Instant createdAt, String status,
                             @Nullable Instant closedAt, @Nullable String closeEventId, String kind,
                             @Nullable String orderId) {

    /** The audit log's target of the dispute: its invoice, or the order, or the subscription. */
    public String target() {
        if (invoiceId != null) {
            return "invoice:" + invoiceId;
        }
        return orderId != null ? "order:" + orderId : "subscription:" + subscriptionId;
    }
}
