package io.perennial.payment;

import java.time.Instant;

/**
 * One attempt to collect an invoice of a subscription.
 *
 * @param purpose      why this attempt exists within the period, e.g. {@code renewal}, {@code dunning-2}, {@code change-1}
 * @param businessTime the workflow's time at the charge, used as the payment's date
 * @param authentication whether the customer may authenticate the charge if the issuer asks; null (charges asked
 *                       before the offer existed) is {@link AuthenticationOffer#NONE}
 */
public record InvoiceCharge(String invoiceId, String subscriptionId, String customerId, int period, String purpose,
                            long amountMinor, String currency, String paymentMethod, Instant businessTime,
                            AuthenticationOffer authentication) {

    public InvoiceCharge(String invoiceId, String subscriptionId, String customerId, int period, String purpose,
                         long amountMinor, String currency, String paymentMethod, Instant businessTime) {
        this(invoiceId, subscriptionId, customerId, period, purpose, amountMinor, currency, paymentMethod,
                businessTime, AuthenticationOffer.NONE);
    }

    public AuthenticationOffer offer() {
        return authentication == null ? AuthenticationOffer.NONE : authentication;
    }

    /** Derived from business identity, never from a run id: a retried, reset or continued workflow reuses it. */
    public String idempotencyKey() {
        return subscriptionId + ":" + period + ":" + purpose;
    }
}
