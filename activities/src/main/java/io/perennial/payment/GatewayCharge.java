package io.perennial.payment;

/** What Perennial asks a payment provider to do: take {@code amountMinor} from a stored payment method, once. */
public record GatewayCharge(String idempotencyKey, long amountMinor, String currency, String paymentMethod) {
}
