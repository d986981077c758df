package io.perennial.payment;

import java.time.Instant;

/**
 * The provider's session of a redirect payment: its id of the payment (a Stripe PaymentIntent {@code pi_…}, the
 * simulated provider's {@code rs_sim_…}), where the customer goes to pay, and until when they can.
 */
public record RedirectSession(String reference, String redirectUrl, Instant expiresAt) {
}
