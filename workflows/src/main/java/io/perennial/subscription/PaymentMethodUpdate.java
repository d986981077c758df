package io.perennial.subscription;

/** The customer's new payment method token; a past-due subscription retries with it at once. */
public record PaymentMethodUpdate(String paymentMethod) {
    public PaymentMethodUpdate {
        if (paymentMethod == null || paymentMethod.isBlank()) {
            throw new IllegalArgumentException("payment method is required");
        }
    }
}
