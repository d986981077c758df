package io.perennial.subscription;

/**
 * What a plan does with a subscription whose overdue invoice is still unpaid when the dunning schedule is used up
 * (every retry of a card declined, or the last reminder of a sent invoice passed).
 */
public enum DunningOutcome {
    /** The invoice is written off ({@code UNCOLLECTIBLE}) and the subscription is canceled ({@code payment_failed}). */
    CANCEL,
    /**
     * The subscription is {@link SubscriptionStatus#SUSPENDED}: access ends, nothing more is billed, and the invoice
     * stays open, so paying it (a new card, an ops retry, a transfer or a redirect payment) makes the subscription
     * active again ({@link Suspension}). It ends only when canceled.
     */
    SUSPEND
}
