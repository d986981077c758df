package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.perennial.tax.TaxBehavior;

import java.time.Instant;
import java.util.UUID;

/**
 * An invoice as stored. {@code subtotalMinor} is the sum of its lines before account credit (net of tax when its
 * {@code taxBehavior} is EXCLUSIVE, gross when INCLUSIVE); {@code taxMinor} the tax of its tax lines;
 * {@code totalMinor} what is left to charge after exclusive tax is added and account credit applied (and after
 * credit notes that reduced it). {@code issuedAt} and {@code paidAt} are business time, {@code closedAt} the
 * system time at which it was voided or written off.
 */
@MappedEntity("invoices")
public record InvoiceRecord(@Id UUID id, String invoiceKey, String number, UUID subscriptionId, UUID customerId,
                            int period, String currency, Instant periodStart, Instant periodEnd, long subtotalMinor,
                            long totalMinor, InvoiceStatus status, Instant issuedAt, @Nullable Instant paidAt,
                            @Nullable Instant closedAt, Instant createdAt, TaxBehavior taxBehavior, long taxMinor,
                            boolean reverseCharge, @Nullable String taxNote, @Nullable String customerTaxId) {

    /** What the invoice is for: its lines plus the tax they do not already include (before account credit). */
    public long amountMinor() {
        return subtotalMinor + (taxBehavior == TaxBehavior.EXCLUSIVE ? taxMinor : 0);
    }
}
