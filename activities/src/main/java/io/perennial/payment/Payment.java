package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One charge attempt. PENDING means the gateway was (or is about to be) called and the answer is not yet stored.
 *
 * @param invoiceId the invoice it collects; null for charges of the skeleton engine, which had no invoices
 */
@MappedEntity("payments")
public record Payment(@Id UUID id, String idempotencyKey, UUID subscriptionId, UUID customerId, int period,
                      String purpose, long amountMinor, String currency, PaymentStatus status,
                      @Nullable String declineCode, @Nullable String gatewayReference, Instant businessTime,
                      Instant createdAt, Instant updatedAt, @Nullable UUID invoiceId) {
}
