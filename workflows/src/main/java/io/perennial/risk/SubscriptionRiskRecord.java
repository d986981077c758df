package io.perennial.risk;

/**
 * A subscription's risk review as ops list and decide it: written when its first charge is held for review or
 * refused, and again when it is decided.
 */
public record SubscriptionRiskRecord(String subscriptionId, String customerId, String planId, long amountMinor,
                                     String currency, RiskReview review) {
}
