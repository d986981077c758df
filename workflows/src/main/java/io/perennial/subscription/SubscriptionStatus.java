package io.perennial.subscription;

/** The states of a subscription; see docs/billing.md for the state diagram. */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    PAUSED,
    CANCELED
}
