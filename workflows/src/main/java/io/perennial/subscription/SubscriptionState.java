package io.perennial.subscription;

import io.perennial.order.ShippingAddress;
import io.perennial.risk.RiskReviewStatus;

import java.time.Instant;
import java.util.List;

/**
 * The live state of a subscription, as the workflow sees it. Returned by the state query and written to
 * the read model; {@code revision} grows with every change so an older write never overwrites a newer one.
 *
 * @param accessUntil   the customer may use the service until then (end of the paid period or trial)
 * @param nextRetryAt   when past due: the next scheduled retry of the overdue invoice
 * @param scheduledPlanId a downgrade that takes effect at the end of the current period
 * @param couponCode      the coupon discounting the next invoices, if any
 * @param couponInvoicesLeft how many more invoices it discounts; -1 for as long as the subscription lives
 * @param planVersion     the catalog version of the plan whose price the subscriber pays (0: before versions)
 * @param scheduledPlanVersion the version of the scheduled plan: a downgrade's, or a price migration's
 * @param paymentIssue    when past due, why: {@code declined} (dunning), {@code gateway_unavailable} (on hold until
 *                        the provider is back; not a dunning attempt) or {@code authentication_required} (a charge
 *                        waits for the customer, see {@code nextAction})
 * @param paymentIssueSince when collecting the overdue invoice first failed
 * @param paymentAttempts how many times the overdue invoice has been tried
 * @param shippingAddress where the boxes of a physical plan go; null when none was given
 * @param nextAction      what the customer must do before the overdue payment can settle (authenticate it), or null
 * @param nextBox         a physical plan's next box: when it starts, or that it is skipped; null when none is coming
 * @param amountMinor     what a period costs before discounts: the plan's price times {@code quantity}
 * @param quantity        how many units of the plan each period bills (seats, or boxes per period); 1 by default
 * @param addOns          the add-ons each period bills on the same invoice, each with its quantity
 * @param scheduledItems  a decrease of the quantity or add-ons that takes effect at the end of the current period
 * @param riskReview      where the first charge's risk review stands when it was held for one ({@code IN_REVIEW},
 *                        then {@code APPROVED} or {@code REFUSED}); null when none was needed
 */
public record SubscriptionState(
        String subscriptionId,
        String customerId,
        String planId,
        SubscriptionStatus status,
        Instant startedAt,
        Instant trialEnd,
        BillingPeriod currentPeriod,
        Instant nextBillingAt,
        boolean cancelAtPeriodEnd,
        Instant canceledAt,
        String cancelReason,
        int failedPaymentCount,
        long revision,
        Long amountMinor,
        String currency,
        Instant accessUntil,
        Instant nextRetryAt,
        boolean pauseAtPeriodEnd,
        Instant pausedAt,
        Instant resumeAt,
        String scheduledPlanId,
        String couponCode,
        Integer couponInvoicesLeft,
        Integer planVersion,
        Integer scheduledPlanVersion,
        String paymentIssue,
        Instant paymentIssueSince,
        Integer paymentAttempts,
        ShippingAddress shippingAddress,
        NextAction nextAction,
        NextBox nextBox,
        int quantity,
        List<AddOnItem> addOns,
        SubscriptionItems scheduledItems,
        RiskReviewStatus riskReview) {

    public SubscriptionState {
        if (quantity < 1) {
            quantity = 1; // states written before quantities existed
        }
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }

    /** A state of a single unit of the plan, as states were before quantities existed. */
    public SubscriptionState(String subscriptionId, String customerId, String planId, SubscriptionStatus status,
                             Instant startedAt, Instant trialEnd, BillingPeriod currentPeriod, Instant nextBillingAt,
                             boolean cancelAtPeriodEnd, Instant canceledAt, String cancelReason,
                             int failedPaymentCount, long revision, Long amountMinor, String currency,
                             Instant accessUntil, Instant nextRetryAt, boolean pauseAtPeriodEnd, Instant pausedAt,
                             Instant resumeAt, String scheduledPlanId, String couponCode, Integer couponInvoicesLeft,
                             Integer planVersion, Integer scheduledPlanVersion, String paymentIssue,
                             Instant paymentIssueSince, Integer paymentAttempts, ShippingAddress shippingAddress,
                             NextAction nextAction, NextBox nextBox) {
        this(subscriptionId, customerId, planId, status, startedAt, trialEnd, currentPeriod, nextBillingAt,
                cancelAtPeriodEnd, canceledAt, cancelReason, failedPaymentCount, revision, amountMinor, currency,
                accessUntil, nextRetryAt, pauseAtPeriodEnd, pausedAt, resumeAt, scheduledPlanId, couponCode,
                couponInvoicesLeft, planVersion, scheduledPlanVersion, paymentIssue, paymentIssueSince,
                paymentAttempts, shippingAddress, nextAction, nextBox, 1, List.of(), null, null);
    }

    /** The state as the skeleton engine knew it, before pause, plan changes and access tracking existed. */
    static SubscriptionState skeleton(String subscriptionId, String customerId, String planId,
                                      SubscriptionStatus status, Instant startedAt, Instant trialEnd,
                                      BillingPeriod currentPeriod, Instant nextBillingAt, boolean cancelAtPeriodEnd,
                                      Instant canceledAt, String cancelReason, int failedPaymentCount, long revision) {
        return new SubscriptionState(subscriptionId, customerId, planId, status, startedAt, trialEnd, currentPeriod,
                nextBillingAt, cancelAtPeriodEnd, canceledAt, cancelReason, failedPaymentCount, revision,
                null, null, null, null, false, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }
}
