package io.perennial.risk;

import io.perennial.order.ShippingAddress;

import java.time.Instant;

/**
 * What the risk check scores: one order about to be charged.
 *
 * @param paymentMethod the gateway token the order will be charged to (the "card" of the velocity and refused rules)
 * @param clientIp      the address the order was placed from; null when unknown (placed before it was recorded)
 * @param businessTime  the workflow's time: velocity windows and account age are measured from it
 */
public record RiskCheck(String orderId, String customerId, long amountMinor, String currency, String paymentMethod,
                        ShippingAddress shippingAddress, String clientIp, Instant businessTime) {
}
