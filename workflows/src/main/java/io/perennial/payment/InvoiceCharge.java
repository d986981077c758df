package io.perennial.payment;

import java.time.Instant;

/**
 * One attempt to collect an invoice of a subscription.
 *
 * @param purpose      why this attempt exists within the period, e.g. {@code renewal}, {@code dunning-2}, {@code change-1}
 * @param businessTime the workflow's time at the charge, used as the payment's date
 */
public record InvoiceCharge(String invoiceId, String subscriptionId, String customerId, int period, String purpose,
                            long amountMinor, String currency, String paymentMethod, Instant businessTime) {
    /** Derived from business identity, never from a run id: a retried, reset or continued workflow reuses it. */
    public String idempotencyKey() {
        return subscriptionId + ":" + period + ":" + purpose;
    }
}
