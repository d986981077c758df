package io.perennial.subscription;

import java.time.Instant;

/**
 * A period's invoice sent to the customer ({@link CollectionMethod#SEND_INVOICE}), not yet paid nor due: the
 * subscription stays {@code ACTIVE} until {@code dueAt}, then the invoice is overdue ({@link Dunning#INVOICE_OVERDUE}).
 */
public record AwaitedInvoice(BillingPeriod period, String invoiceId, long amountDueMinor, Instant dueAt) {
}
