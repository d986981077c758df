package io.perennial.subscription;

import io.perennial.billing.Proration;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import static io.perennial.temporal.BusinessTime.now;

/**
 * Cancels now or at period end. Canceling now may refund the unused part of the period (taking back a referral
 * reward that period earned) and voids a past-due invoice; at period end, access runs out as paid.
 */
final class Cancellation {

    private static final Logger log = Workflow.getLogger(Cancellation.class);

    /** A refund in doubt is retried until the provider answers, like a charge. */
    private final PaymentActivities refunds = ActivityStubs.remote(PaymentActivities.class, RetryPolicies.GATEWAY);
    private final SubscriptionStart start;
    private final Subscription s;
    private final DunningRetries dunning;
    private final CouponsAndReferrals couponsAndReferrals;
    private final SentInvoices sentInvoices;
    private final PlanChangeAuthentication awaitedChange;

    Cancellation(SubscriptionStart start, Subscription s, DunningRetries dunning,
                 CouponsAndReferrals couponsAndReferrals, SentInvoices sentInvoices,
                 PlanChangeAuthentication awaitedChange) {
        this.awaitedChange = awaitedChange;
        this.sentInvoices = sentInvoices;
        this.start = start;
        this.s = s;
        this.dunning = dunning;
        this.couponsAndReferrals = couponsAndReferrals;
    }

    void cancel(CancelRequest request) {
        if (s.status == SubscriptionStatus.CANCELED) {
            return;
        }
        s.pending.cancelReason = request.reason();
        boolean runsOut = s.status == SubscriptionStatus.ACTIVE || s.status == SubscriptionStatus.TRIALING;
        if (request.timing() == CancelTiming.AT_PERIOD_END && runsOut) {
            s.pending.cancelAtPeriodEnd = true;
            s.pending.pauseAtPeriodEnd = false;
            s.changed();
            return;
        }
        // Now, or nothing paid is left to run out (past due, paused).
        if (request.refundUnused() && s.status == SubscriptionStatus.ACTIVE && s.billing.currentPeriod != null) {
            refundUnused();
        }
        if (s.inArrears() && !sentInvoices.voidOverdue(s.arrears.dunning)) {
            dunning.voidOverdue();
        }
        if (s.arrears.sentInvoice != null) {
            sentInvoices.voidSent();
        }
        awaitedChange.abandon();
        s.endCanceled(now());
    }

    void uncancel() {
        s.pending.cancelAtPeriodEnd = false;
        s.pending.cancelReason = null;
        s.changed();
    }

    private void refundUnused() {
        BillingPeriod current = s.billing.currentPeriod;
        long unused = Proration.unusedShare(s.periodValue(), current, now());
        if (unused > 0) {
            RefundReceipt refund = refunds.refund(new RefundRequest(
                    start.subscriptionId() + ":" + current.number() + ":cancel-refund", start.subscriptionId(),
                    current.number(), unused, s.plan.currency(), "prorated_cancellation", now()));
            log.info("Refunded {} {} of period {}", refund.amountMinor(), refund.currency(), current.number());
            if (refund.amountMinor() > 0) {
                couponsAndReferrals.clawBackReward(current);
            }
        }
    }
}
