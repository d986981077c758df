package io.perennial.billing;

import java.time.Instant;

/**
 * A redirect payment's session at the provider: where to send the customer and until when the provider holds it.
 *
 * @param paymentKey  our key of the payment, {@code {invoiceId}:redirect:{method}} (then {@code :2}, {@code :3} after
 *                    a session that failed or expired): the provider's idempotency key, so asking twice gives the
 *                    same session
 * @param status      AWAITING_CUSTOMER, PAID, FAILED, EXPIRED, REFUNDING, REFUNDED or REFUND_FAILED
 */
public record RedirectPaymentSession(String invoiceId, String method, String paymentKey, String redirectUrl,
                                     Instant expiresAt, String status) {
}
