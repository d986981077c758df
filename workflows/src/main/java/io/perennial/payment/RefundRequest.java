package io.perennial.payment;

import java.time.Instant;

/**
 * Gives back up to {@code amountMinor} of what was paid for a period of a subscription, once per {@code refundKey}.
 */
public record RefundRequest(String refundKey, String subscriptionId, int period, long amountMinor, String currency,
                            String reason, Instant businessTime) {
    public RefundRequest {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a refund is positive, was " + amountMinor);
        }
    }
}
