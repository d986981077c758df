package io.perennial.payment;

/** What was refunded; {@code amountMinor} may be less than asked when less was paid. */
public record RefundReceipt(String refundId, String refundKey, long amountMinor, String currency, String gatewayReference) {
}
