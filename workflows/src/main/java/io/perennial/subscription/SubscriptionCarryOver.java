package io.perennial.subscription;

import io.perennial.billing.CouponTerms;
import io.perennial.order.ShippingAddress;

import java.time.Instant;

/**
 * What a subscription run handed to the next one when it continued as new, before {@link Subscription} replaced it.
 * Read only: runs continued with it (and recorded histories) still begin from it, converted by
 * {@link #toSubscription}; nothing writes it any more. Do not change its fields.
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

    /** A carry-over from before this class existed, as the same state (its run and revision not yet advanced). */
    Subscription toSubscription(ShippingAddress shippingAddress) {
        Subscription s = new Subscription();
        s.status = status;
        s.plan = plan;
        s.paymentMethod = paymentMethod;
        s.shippingAddress = shippingAddress;
        s.startedAt = startedAt;
        s.trialEnd = trialEnd;
        s.runs = runs;
        s.revision = revision;
        s.billing.anchor = anchor;
        s.billing.anchorPeriod = anchorPeriod;
        s.billing.currentPeriod = currentPeriod;
        s.billing.paidThrough = paidThrough;
        s.billing.periodValueMinor = periodValueMinor;
        s.arrears.dunning = dunning;
        s.arrears.failedPaymentCount = failedPaymentCount;
        s.pending.cancelAtPeriodEnd = cancelAtPeriodEnd;
        s.pending.cancelReason = cancelReason;
        s.pending.pauseAtPeriodEnd = pauseAtPeriodEnd;
        s.pending.pausedAt = pausedAt;
        s.pending.resumeAt = resumeAt;
        s.pending.scheduledPlan = scheduledPlan;
        s.pending.planChanges = planChanges;
        s.discounts.coupon = coupon;
        s.discounts.couponInvoicesLeft = couponInvoicesLeft;
        s.discounts.referralPeriod = referralPeriod;
        s.reminders.lastSent = lastReminder;
        return s;
    }
}
