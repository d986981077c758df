package io.perennial.payment;

/**
 * A payment method made chargeable off-session at the provider: the provider's customer and the provider's id of
 * the method attached to it (for Stripe a {@code cus_…} and a {@code pm_…}; the simulated provider keeps the token).
 */
public record AttachedPaymentMethod(String customerReference, String paymentMethodReference) {
}
