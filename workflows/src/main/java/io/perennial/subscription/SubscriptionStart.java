package io.perennial.subscription;

/**
 * Everything a subscription workflow needs to begin.
 *
 * @param periodsPerRun continue as new after this many billing periods (0: the default, 12), or earlier when
 *                      Temporal suggests it
 * @param carryOver     null for a new subscription; the state handed over when continuing as new
 * @param couponCode    optional: redeemed when the subscription starts
 * @param referral      optional: the referrer's reward for this sign-up
 * @param reminders     null: {@link ReminderSchedule#standard()}
 */
public record SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan,
                                String paymentMethod, DunningSchedule dunning, int periodsPerRun,
                                SubscriptionCarryOver carryOver, String couponCode, ReferralReward referral,
                                ReminderSchedule reminders) {
    public static final int DEFAULT_PERIODS_PER_RUN = 12;

    public SubscriptionStart {
        if (dunning == null) {
            dunning = DunningSchedule.standard();
        }
        if (periodsPerRun <= 0) {
            periodsPerRun = DEFAULT_PERIODS_PER_RUN;
        }
        if (reminders == null) {
            reminders = ReminderSchedule.standard();
        }
    }

    public SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan, String paymentMethod,
                             DunningSchedule dunning) {
        this(subscriptionId, customerId, plan, paymentMethod, dunning, 0, null, null, null, null);
    }

    SubscriptionStart continuedWith(SubscriptionCarryOver state) {
        return new SubscriptionStart(subscriptionId, customerId, state.plan(), state.paymentMethod(), dunning,
                periodsPerRun, state, couponCode, referral, reminders);
    }
}
