package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** An invoice sent to the customer to pay ({@code SEND_INVOICE}): its bank reference and due date (business time). */
@MappedEntity("sent_invoices")
public record SentInvoiceRecord(@Id UUID invoiceId, String bankReference, Instant dueAt, Instant sentAt,
                                @Nullable Instant overdueSince) {
}
