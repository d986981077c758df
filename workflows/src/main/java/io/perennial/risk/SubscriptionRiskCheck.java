package io.perennial.risk;

import io.perennial.order.ShippingAddress;

import java.time.Instant;

/**
 * What the risk check scores for a subscription: its first charge, before it is made. Scored by the same rules as an
 * order ({@link RiskActivities#assessOrder}), as a charge of the plan's price to the payment method.
 *
 * @param shippingAddress where a physical plan's boxes go; null for a digital plan (no address rule fires)
 * @param businessTime    the workflow's time: velocity windows and account age are measured from it
 */
public record SubscriptionRiskCheck(String subscriptionId, String customerId, long amountMinor, String currency,
                                    String paymentMethod, ShippingAddress shippingAddress, Instant businessTime) {

    /** The key its check is stored under with the orders' checks, so velocity counts both. */
    public String checkId() {
        return "subscription:" + subscriptionId;
    }
}
