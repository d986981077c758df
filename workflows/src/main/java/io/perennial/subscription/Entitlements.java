package io.perennial.subscription;

import io.perennial.fulfilment.BoxActivities;
import io.perennial.fulfilment.BoxDue;
import io.perennial.temporal.ActivityStubs;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import static io.perennial.temporal.BusinessTime.now;

/** What a paid period gives: access to its end, the box of a physical plan, and the referrer's reward. */
final class Entitlements {

    private static final Logger log = Workflow.getLogger(Entitlements.class);

    private final BoxActivities boxes = ActivityStubs.database(BoxActivities.class);
    private final SubscriptionStart start;
    private final Subscription s;
    private final CouponsAndReferrals couponsAndReferrals;
    private final NextBoxes nextBoxes;

    Entitlements(SubscriptionStart start, Subscription s, CouponsAndReferrals couponsAndReferrals,
                 NextBoxes nextBoxes) {
        this.nextBoxes = nextBoxes;
        this.start = start;
        this.s = s;
        this.couponsAndReferrals = couponsAndReferrals;
    }

    void paid(BillingPeriod period, long amountChargedMinor) {
        s.status = SubscriptionStatus.ACTIVE;
        s.arrears.failedPaymentCount = 0;
        s.billing.paidThrough = period.end();
        if (s.plan.physical() && Workflow.getVersion(EngineChanges.BOXES, Workflow.DEFAULT_VERSION, 1) == 1) {
            boxes.recordBoxDue(new BoxDue(start.subscriptionId(), start.customerId(), period.number(),
                    s.plan.planId(), s.plan.version(), s.shippedPlan().box(), period.start(), period.end(), now()));
            if (Workflow.getVersion(EngineChanges.BOX_ORDERS, Workflow.DEFAULT_VERSION, 1) == 1) {
                shipBox(period, amountChargedMinor);
            }
        }
        couponsAndReferrals.rewardReferrer(period, amountChargedMinor);
    }

    /**
     * Starts the period's box order, or holds it until a delayed start; a subscription from before addresses were asked for
     * only records it as due.
     */
    private void shipBox(BillingPeriod period, long amountChargedMinor) {
        if (s.shippingAddress == null) {
            log.warn("Period {} of {} is paid but the subscription has no shipping address; its box is only "
                    + "recorded as due", period.number(), start.subscriptionId());
            return;
        }
        if (nextBoxes.delays(period)) {
            nextBoxes.holdUntilDelayedStart(period, amountChargedMinor);
            return;
        }
        BoxOrders.ship(start, s.shippedPlan(), period, amountChargedMinor, s.paymentMethod, s.shippingAddress, now());
    }
}
