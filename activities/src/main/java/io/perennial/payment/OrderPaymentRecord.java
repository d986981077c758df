package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code order_payments}: one order's charge. PENDING until the provider's answer is stored. */
@MappedEntity("order_payments")
public record OrderPaymentRecord(@Id UUID id, String idempotencyKey, String orderId, UUID customerId,
                                 long amountMinor, String currency, String paymentMethod, PaymentStatus status,
                                 @Nullable String declineCode, @Nullable String gatewayReference,
                                 Instant businessTime, Instant createdAt, Instant updatedAt) {
}
