package io.perennial.subscription;

/** Types of the failures with which the subscription workflow refuses or fails a requested change. */
public final class SubscriptionFailures {
    /** A validator refused the change in the current state (e.g. uncancel without a pending cancel). */
    public static final String CHANGE_REJECTED = "SubscriptionChangeRejected";
    /** The charge for an immediate plan change was declined; the plan did not change. */
    public static final String PLAN_CHANGE_DECLINED = "PlanChangePaymentDeclined";

    /**
     * The payment provider did not answer the plan change's one attempt; the invoice is voided, anything taken is
     * given back, the plan did not change. The client may try again shortly.
     */
    public static final String PLAN_CHANGE_UNAVAILABLE = "PlanChangeProviderUnavailable";

    private SubscriptionFailures() {
    }
}
