package io.perennial.order;

import java.time.Instant;

/**
 * Marks an order as a subscription box: the subscription already charged the period, so the order takes no money
 * of its own. If it cannot ship, the period's payment is refunded under {@link #refundKey()} (at most once).
 *
 * @param paidMinor what the subscriber paid for the period, the most a box that never ships gives back
 * @param periodEnd the box waits for stock until the period ends
 */
public record PrepaidBox(String subscriptionId, int period, long paidMinor, Instant periodEnd) {

    public PrepaidBox {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw new IllegalArgumentException("a box belongs to a subscription");
        }
        if (period < 1) {
            throw new IllegalArgumentException("periods count from 1, was " + period);
        }
        if (paidMinor < 0) {
            throw new IllegalArgumentException("what was paid is not negative, was " + paidMinor);
        }
        if (periodEnd == null) {
            throw new IllegalArgumentException("a box needs its period's end");
        }
    }

    /** The order id of the box: {@code {subscriptionId}-p{period}}, so its workflow is {@code order-…-p3}. */
    public static String orderIdFor(String subscriptionId, int period) {
        return subscriptionId + "-p" + period;
    }

    /** The business refund key: one refund per box, whatever retries, resets or continue-as-new do. */
    public String refundKey() {
        return "box-" + subscriptionId + "-p" + period;
    }
}
