package io.perennial.subscription;

import io.perennial.billing.CouponTerms;

import java.time.Instant;

/**
 * Everything a subscription run hands to the next one when it continues as new. Nothing in it depends on the
 * run, so charges and invoices keep the keys they would have had in one long run.
 *
 * @param anchor             start of the current billing schedule (the trial end, or the last resume)
 * @param anchorPeriod       the number of the schedule's first period; numbers keep growing across re-anchoring
 * @param couponInvoicesLeft invoices the coupon still discounts; -1 for ever
 * @param referralPeriod     the period whose invoice earned the referrer's reward; 0 until then
 * @param lastReminder       key of the last reminder sent, so none is sent twice
 * @param periodValueMinor   what the current period is worth to the customer (price less discount); null in states
 *                           from before it was kept (then the plan's price)
 */
public record SubscriptionCarryOver(SubscriptionStatus status, PlanTerms plan, String paymentMethod,
                                    Instant startedAt, Instant trialEnd, Instant anchor, int anchorPeriod,
                                    BillingPeriod currentPeriod, Instant paidThrough, Dunning dunning,
                                    int failedPaymentCount, boolean cancelAtPeriodEnd, String cancelReason,
                                    boolean pauseAtPeriodEnd, Instant pausedAt, Instant resumeAt,
                                    PlanTerms scheduledPlan, int planChanges, int runs, long revision,
                                    CouponTerms coupon, int couponInvoicesLeft, int referralPeriod,
                                    String lastReminder, Long periodValueMinor) {
}
