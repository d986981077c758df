package io.perennial.billing;

import java.time.Instant;

/** An open invoice to send to the customer, payable by {@code dueAt}; {@code businessTime} is the workflow's now. */
public record InvoiceToSend(String invoiceId, Instant dueAt, Instant businessTime) {
}
