package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * What Perennial asks a payment provider to do: take {@code amountMinor} from a stored payment method, once.
 * {@code customerId} is the Perennial customer the method belongs to; a provider that charges off-session only for
 * its own customer objects (Stripe) attaches the method to that customer first ({@link PaymentGateway#attachPaymentMethod}).
 */
public record GatewayCharge(String idempotencyKey, long amountMinor, String currency, String paymentMethod,
                            @Nullable UUID customerId) {

    /** A charge that names no customer: the provider charges the token as it is. */
    public GatewayCharge(String idempotencyKey, long amountMinor, String currency, String paymentMethod) {
        this(idempotencyKey, amountMinor, currency, paymentMethod, null);
    }
}
