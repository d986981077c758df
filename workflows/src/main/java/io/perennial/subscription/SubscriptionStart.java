package io.perennial.subscription;

/**
 * Everything a subscription workflow needs to begin.
 *
 * @param periodsPerRun continue as new after this many billing periods (0: the default, 12), or earlier when
 *                      Temporal suggests it
 * @param carryOver     null for a new subscription; the state handed over when continuing as new
 */
public record SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan,
                                String paymentMethod, DunningSchedule dunning, int periodsPerRun,
                                SubscriptionCarryOver carryOver) {
    public static final int DEFAULT_PERIODS_PER_RUN = 12;

    public SubscriptionStart {
        if (dunning == null) {
            dunning = DunningSchedule.standard();
        }
        if (periodsPerRun <= 0) {
            periodsPerRun = DEFAULT_PERIODS_PER_RUN;
        }
    }

    public SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan, String paymentMethod,
                             DunningSchedule dunning) {
        this(subscriptionId, customerId, plan, paymentMethod, dunning, 0, null);
    }

    SubscriptionStart continuedWith(SubscriptionCarryOver state) {
        return new SubscriptionStart(subscriptionId, customerId, state.plan(), state.paymentMethod(), dunning,
                periodsPerRun, state);
    }
}
