package io.perennial.providerevent;

/** The provider events Perennial acts on (every other type is acknowledged and ignored by the API). */
public enum ProviderEventKind {
    /** {@code payment_intent.succeeded}: a charge we may still hold as PENDING was taken. */
    PAYMENT_SUCCEEDED,
    /** {@code payment_intent.payment_failed}: a charge we may still hold as PENDING was declined. */
    PAYMENT_FAILED,
    /** {@code payment_intent.requires_action}: the charge waits for the customer (3-D Secure). */
    PAYMENT_REQUIRES_ACTION,
    /** {@code charge.refunded}: money went back, perhaps by a refund made outside Perennial. */
    CHARGE_REFUNDED,
    /** {@code charge.dispute.created}: the cardholder disputes a charge. */
    DISPUTE_CREATED,
    /**
     * {@code charge.dispute.closed}: the dispute is decided; {@link ProviderEvent#reason()} holds the provider's status
     * ({@code won}, {@code lost}, or {@code warning_closed} for an inquiry that never became a chargeback).
     */
    DISPUTE_CLOSED
}
