package io.perennial.subscription;

import java.time.Instant;

/**
 * What the customer must do before a payment can settle: today only {@code authenticate_payment}, a charge the
 * issuer asks the customer to authenticate (Strong Customer Authentication).
 *
 * @param paymentKey the idempotency key of the charge waiting for the customer
 * @param expiresAt  the customer's deadline; unanswered by then, the charge is a decline
 */
public record NextAction(String type, String paymentKey, Instant expiresAt) {
    public static final String AUTHENTICATE_PAYMENT = "authenticate_payment";
}
