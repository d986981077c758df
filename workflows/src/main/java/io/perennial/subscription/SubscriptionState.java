package io.perennial.subscription;

import java.time.Instant;

/**
 * The live state of a subscription, as the workflow sees it. Returned by the state query and written to
 * the read model; {@code revision} grows with every change so an older write never overwrites a newer one.
 */
public record SubscriptionState(
        String subscriptionId,
        String customerId,
        String planId,
        SubscriptionStatus status,
        Instant startedAt,
        Instant trialEnd,
        BillingPeriod currentPeriod,
        Instant nextBillingAt,
        boolean cancelAtPeriodEnd,
        Instant canceledAt,
        String cancelReason,
        int failedPaymentCount,
        long revision) {
}
