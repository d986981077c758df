package io.perennial.subscription;

/** The states of a subscription; see docs/billing.md for the state diagram. */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    PAUSED,
    CANCELED,
    /**
     * Dunning was used up on a plan that suspends ({@link DunningOutcome#SUSPEND}): no access, nothing billed, the
     * overdue invoice still open; paying it makes the subscription active again.
     */
    SUSPENDED
}
