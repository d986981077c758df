package io.perennial.subscription;

/**
 * Somebody paid an invoice of this subscription outside a charge (a matched bank transfer, a redirect method): a
 * wake-up only. The workflow reads the invoice's status from the ledger, so a repeated or forged notice moves nothing.
 */
public record InvoicePaymentNotice(String invoiceId) {
}
