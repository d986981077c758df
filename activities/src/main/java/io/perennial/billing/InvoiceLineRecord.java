package io.perennial.billing;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** One stored line of an invoice, numbered from 1 in the order it was issued. */
@Introspected
public record InvoiceLineRecord(UUID invoiceId, int lineNo, InvoiceLineKind kind, String description,
                                long amountMinor) {

    public InvoiceLine line() {
        return new InvoiceLine(kind, description, amountMinor);
    }
}
