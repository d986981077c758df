package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code order_refunds}: one order's refund. PENDING until the provider's answer is stored. */
@MappedEntity("order_refunds")
public record OrderRefundRecord(@Id UUID id, String refundKey, UUID paymentId, String orderId, long amountMinor,
                                String currency, String reason, RefundStatus status, @Nullable String failureCode,
                                @Nullable String gatewayReference, Instant businessTime, Instant createdAt,
                                Instant updatedAt) {
}
