package io.perennial.billing;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/** One stored line of an invoice, numbered from 1 in the order it was issued. */
@Introspected
public record InvoiceLineRecord(UUID invoiceId, int lineNo, InvoiceLineKind kind, String description,
                                long amountMinor, @Nullable Integer sourcePeriod) {

    public InvoiceLine line() {
        return new InvoiceLine(kind, description, amountMinor, sourcePeriod);
    }
}
