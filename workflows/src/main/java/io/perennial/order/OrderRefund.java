package io.perennial.order;

import java.time.Instant;

/**
 * Gives back what the order's charge took (a saga compensation). Safe when nothing was charged: the receipt then
 * says 0.
 */
public record OrderRefund(String orderId, String reason, Instant businessTime) {

    public String refundKey() {
        return "order-" + orderId + ":refund";
    }

    /** The key of the charge this refund gives back. */
    public String chargeKey() {
        return "order-" + orderId + ":charge";
    }
}
