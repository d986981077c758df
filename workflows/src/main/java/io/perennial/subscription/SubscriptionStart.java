package io.perennial.subscription;

import io.perennial.order.ShippingAddress;

import java.time.Instant;

/**
 * Everything a subscription workflow needs to begin.
 *
 * @param periodsPerRun continue as new after this many billing periods (0: the default, 12), or earlier when
 *                      Temporal suggests it
 * @param carryOver     the state handed over when continuing as new, as runs before {@link Subscription} wrote it;
 *                      still read, so runs already continued with it begin as they always did; never written now
 * @param couponCode    optional: redeemed when the subscription starts
 * @param referral      optional: the referrer's reward for this sign-up
 * @param reminders     null: {@link ReminderSchedule#standard()}
 * @param shippingAddress where a physical plan's boxes go; null for a digital plan (and in histories from before
 *                        boxes shipped, whose boxes are only recorded as due)
 * @param subscription  null for a new subscription; the state handed over when continuing as new
 * @param collection    how invoices are paid; null (and in histories from before it existed): charged automatically.
 *                      Read when the subscription begins; later runs find it in {@link Subscription#collection}
 * @param chargeNow     created and charged in one call ({@code paymentBehavior CHARGE_NOW}): a decline of the first
 *                      charge ends the subscription at once ({@code incomplete_expired}, its invoice voided) instead
 *                      of dunning it; the caller waits for that charge with {@link SubscriptionWorkflow#firstCharge}
 * @param riskChecked   the first charge is scored by the orders' risk check first ({@link FirstChargeRiskReview});
 *                      false in histories from before it existed, and in tests of everything else
 * @param items         how many units of the plan each period bills (seats, or boxes per period) and its add-ons;
 *                      null (and in histories from before they existed) means one unit and none. Read when the
 *                      subscription begins; later runs find them in {@link Subscription#items}
 */
public record SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan,
                                String paymentMethod, DunningSchedule dunning, int periodsPerRun,
                                SubscriptionCarryOver carryOver, String couponCode, ReferralReward referral,
                                ReminderSchedule reminders, ShippingAddress shippingAddress,
                                Subscription subscription, CollectionTerms collection, boolean chargeNow,
                                boolean riskChecked, SubscriptionItems items) {
    public static final int DEFAULT_PERIODS_PER_RUN = 12;

    public SubscriptionStart {
        if (items == null) {
            items = SubscriptionItems.ONE;
        }
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
                             DunningSchedule dunning, int periodsPerRun, SubscriptionCarryOver carryOver,
                             String couponCode, ReferralReward referral, ReminderSchedule reminders,
                             ShippingAddress shippingAddress, Subscription subscription, CollectionTerms collection,
                             boolean chargeNow) {
        this(subscriptionId, customerId, plan, paymentMethod, dunning, periodsPerRun, carryOver, couponCode, referral,
                reminders, shippingAddress, subscription, collection, chargeNow, false, null);
    }

    public SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan, String paymentMethod,
                             DunningSchedule dunning, int periodsPerRun, SubscriptionCarryOver carryOver,
                             String couponCode, ReferralReward referral, ReminderSchedule reminders,
                             ShippingAddress shippingAddress, Subscription subscription, CollectionTerms collection) {
        this(subscriptionId, customerId, plan, paymentMethod, dunning, periodsPerRun, carryOver, couponCode, referral,
                reminders, shippingAddress, subscription, collection, false);
    }

    public SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan, String paymentMethod,
                             DunningSchedule dunning, int periodsPerRun, SubscriptionCarryOver carryOver,
                             String couponCode, ReferralReward referral, ReminderSchedule reminders,
                             ShippingAddress shippingAddress, Subscription subscription) {
        this(subscriptionId, customerId, plan, paymentMethod, dunning, periodsPerRun, carryOver, couponCode, referral,
                reminders, shippingAddress, subscription, null);
    }

    public SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan, String paymentMethod,
                             DunningSchedule dunning, int periodsPerRun, SubscriptionCarryOver carryOver,
                             String couponCode, ReferralReward referral, ReminderSchedule reminders,
                             ShippingAddress shippingAddress) {
        this(subscriptionId, customerId, plan, paymentMethod, dunning, periodsPerRun, carryOver, couponCode, referral,
                reminders, shippingAddress, null, null);
    }

    public SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan, String paymentMethod,
                             DunningSchedule dunning, int periodsPerRun, SubscriptionCarryOver carryOver,
                             String couponCode, ReferralReward referral, ReminderSchedule reminders) {
        this(subscriptionId, customerId, plan, paymentMethod, dunning, periodsPerRun, carryOver, couponCode, referral,
                reminders, null);
    }

    public SubscriptionStart(String subscriptionId, String customerId, PlanTerms plan, String paymentMethod,
                             DunningSchedule dunning) {
        this(subscriptionId, customerId, plan, paymentMethod, dunning, 0, null, null, null, null);
    }

    /** The next run's start: the subscription as it is now (its address too, which may have changed). */
    SubscriptionStart continuedWith(Subscription state) {
        return new SubscriptionStart(subscriptionId, customerId, state.plan, state.paymentMethod, dunning,
                periodsPerRun, null, couponCode, referral, reminders, state.shippingAddress, state, null, false,
                riskChecked, null);
    }

    /** The first charge of a subscription created with {@code CHARGE_NOW}: a decline ends it. */
    boolean chargedNow(BillingPeriod period) {
        return chargeNow && firstRun() && period.number() == 1;
    }

    /** True for the first run of a new subscription, false for a run continued from an earlier one. */
    boolean firstRun() {
        return carryOver == null && subscription == null;
    }

    /**
     * The state this run begins with: handed over from the run before (in either shape), one run and one revision
     * on, or a new subscription begun {@code now}. Call once per run: the workflow's init does.
     */
    Subscription subscriptionAt(Instant now) {
        if (subscription != null) {
            return subscription.continued();
        }
        if (carryOver != null) {
            return carryOver.toSubscription(shippingAddress).continued();
        }
        Subscription begun = Subscription.begin(plan, paymentMethod, shippingAddress, now);
        begun.collection = collection;
        begun.items = items;
        return begun;
    }

    /** The live state of {@code s} as the query answers it and the read model stores it. */
    SubscriptionState stateOf(Subscription s) {
        return s.view(subscriptionId, customerId, dunning);
    }
}
