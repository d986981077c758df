package io.perennial.payment;

/** What Perennial asks a payment provider to give back of an earlier charge, once per idempotency key. */
public record GatewayRefund(String idempotencyKey, String chargeReference, long amountMinor, String currency) {
}
