package io.perennial.subscription;

/** Everything a subscription workflow needs to begin. */
public record SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan,
                                String paymentMethod, DunningSchedule dunning) {
    public SubscriptionStart {
        if (dunning == null) {
            dunning = DunningSchedule.standard();
        }
    }
}
