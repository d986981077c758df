package io.perennial.payment;

/**
 * Types of the non-retryable failures of payment activities besides a decline ({@link PaymentFailures}): the
 * request itself cannot succeed, however often it is retried.
 */
public final class PaymentRefusals {
    /** The invoice is VOID or UNCOLLECTIBLE: nothing may be charged for it any more. */
    public static final String INVOICE_NOT_COLLECTIBLE = "InvoiceNotCollectible";
    /** No invoice has the id: a bug in the caller. */
    public static final String INVOICE_NOT_FOUND = "InvoiceNotFound";
    /** The provider refused a refund; the workflows know this type, so it is declared beside their interface. */
    public static final String REFUND_REFUSED = PaymentFailures.REFUND_REFUSED;

    private PaymentRefusals() {
    }
}
