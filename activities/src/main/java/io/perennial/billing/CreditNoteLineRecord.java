package io.perennial.billing;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** One line of a credit note: how much of invoice line {@code invoiceLineNo} it credits. */
@Introspected
public record CreditNoteLineRecord(UUID creditNoteId, int lineNo, int invoiceLineNo, String description,
                                   long amountMinor) {
}
