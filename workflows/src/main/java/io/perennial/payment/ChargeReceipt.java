package io.perennial.payment;

import java.time.Instant;

public record ChargeReceipt(String paymentId, String idempotencyKey, long amountMinor, String currency,
                            String gatewayReference, Instant chargedAt) {
}
