package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * An invoice as stored. {@code totalMinor} is what is left to charge after account credit; {@code issuedAt} and
 * {@code paidAt} are business time, {@code closedAt} the system time at which it was voided or written off.
 */
@MappedEntity("invoices")
public record InvoiceRecord(@Id UUID id, String invoiceKey, String number, UUID subscriptionId, UUID customerId,
                            int period, String currency, Instant periodStart, Instant periodEnd, long subtotalMinor,
                            long totalMinor, InvoiceStatus status, Instant issuedAt, @Nullable Instant paidAt,
                            @Nullable Instant closedAt, Instant createdAt) {
}
