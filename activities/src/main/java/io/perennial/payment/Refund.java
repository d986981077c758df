package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** Money given back of one payment, once per refund key. PENDING: stored, the provider's answer not yet. */
@MappedEntity("refunds")
public record Refund(@Id UUID id, String refundKey, UUID paymentId, UUID subscriptionId, int period,
                     long amountMinor, String currency, String reason, RefundStatus status,
                     @Nullable String failureCode, @Nullable String gatewayReference, Instant businessTime,
                     Instant createdAt, Instant updatedAt) {
}
