package io.perennial.billing;

import java.time.Instant;
import java.util.List;

/**
 * An invoice the workflow wants issued. {@code invoiceKey} comes from business identity
 * ({@code {subscriptionId}:{period}:{purpose}}), so issuing the same draft twice yields the same invoice.
 * The issuing activity adds an {@link InvoiceLineKind#ACCOUNT_CREDIT} line when the customer has credit and
 * {@code applyAccountCredit} is set.
 *
 * @param issuedAt the workflow's business time
 */
public record InvoiceDraft(String invoiceKey, String subscriptionId, String customerId, int period,
                           String currency, Instant periodStart, Instant periodEnd, List<InvoiceLine> lines,
                           boolean applyAccountCredit, Instant issuedAt) {
    public InvoiceDraft {
        lines = List.copyOf(lines);
        long total = lines.stream().mapToLong(InvoiceLine::amountMinor).sum();
        if (total < 0) {
            throw new IllegalArgumentException("an invoice never totals below zero; grant the rest as account credit");
        }
    }

    public long subtotalMinor() {
        return lines.stream().mapToLong(InvoiceLine::amountMinor).sum();
    }
}
