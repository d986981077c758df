package io.perennial.order;

import java.time.Instant;

/**
 * Gives back up to {@code amountMinor} of what an order's charge took (ops: a return, a damaged parcel, goodwill),
 * once per {@code refundKey}; never more than the charge took less what was given back already, by the order's own
 * refund, at the provider, or by earlier refunds like this one.
 */
public record OrderRefundRequest(String refundKey, String orderId, long amountMinor, String reason,
                                 Instant businessTime) {
    public OrderRefundRequest {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a refund is positive, was " + amountMinor);
        }
    }

    /** The key of the charge this refund gives back of. */
    public String chargeKey() {
        return new OrderRefund(orderId, reason, businessTime).chargeKey();
    }
}
