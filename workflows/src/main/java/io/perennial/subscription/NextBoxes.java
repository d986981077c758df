package io.perennial.subscription;

import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Instant;

import static io.perennial.subscription.ChangeRules.rejected;
import static io.perennial.temporal.BusinessTime.now;

/**
 * Skipping or delaying the next box of a physical plan. A skipped period is not billed: no invoice, no charge, no
 * box and no access for it, and the period after it bills as usual. A delayed period is billed and charged at its
 * usual time; only its box order starts later, at most one period later. The start of a delayed box is a time in
 * the state that the main loop's one timer waits for, recomputed whenever an update changes the state (the
 * samples-java updatable timer). Both changes name the period they were asked for, so a schedule that re-anchors
 * (a pause and resume) lets them lapse rather than apply to another period.
 */
final class NextBoxes {

    private static final Logger log = Workflow.getLogger(NextBoxes.class);

    private final SubscriptionStart start;
    private final Subscription s;

    NextBoxes(SubscriptionStart start, Subscription s) {
        this.start = start;
        this.s = s;
    }

    /** Refuses a change that cannot apply now: the validator calls this, and the handler again inside the lock. */
    void check(NextBoxChange change) {
        if (change == null || change.kind() == null) {
            throw rejected("Say whether to skip or to delay the next box.");
        }
        if (!s.plan.physical()) {
            throw rejected("Plan " + s.plan.planId() + " ships no boxes.");
        }
        if (!boxComing(s)) {
            throw rejected("No box is coming: the subscription is " + describe(s) + ".");
        }
        if (s.status == SubscriptionStatus.ACTIVE && s.billing.currentPeriod == null) {
            throw rejected("The first payment is still being collected; try again in a moment.");
        }
        BillingPeriod next = upcoming(s);
        if (change.period() != null && change.period() < next.number()) {
            throw rejected("The box of period " + change.period() + " has already been billed and shipped; the next "
                    + "box is period " + next.number() + ".");
        }
        if (change.period() != null && change.period() > next.number()) {
            throw rejected("Only the next box (period " + next.number() + ") can be skipped or delayed.");
        }
        if (next.equals(s.boxes.skip)) {
            throw rejected("The box of period " + next.number() + " is already skipped.");
        }
        if (next.equals(s.boxes.delay)) {
            throw rejected("The box of period " + next.number() + " is already delayed to " + s.boxes.delayUntil
                    + ".");
        }
        if (change.kind() == NextBoxChange.Kind.DELAY) {
            checkDelay(change.until(), next);
        }
    }

    /**
     * A delay of a period that has begun but is not paid yet (its invoice sent, waiting for a transfer) is kept until
     * the payment ships the box: a change to the period after it would take its place and the box would ship at
     * once. Checked by the validator, and inside the handler behind {@link EngineChanges#NEXT_BOX_DELAY_KEPT}.
     */
    void checkNoDelayPending() {
        if (delayAwaitingPayment(s)) {
            BillingPeriod pending = s.boxes.delay;
            throw rejected("The box of period " + pending.number() + " is delayed to " + s.boxes.delayUntil
                    + " and waits for its payment; change the next box once it is paid.");
        }
    }

    private static void checkDelay(Instant until, BillingPeriod next) {
        if (until == null) {
            throw rejected("A delay needs the time the box should start.");
        }
        if (!until.isAfter(next.start())) {
            throw rejected("A delay must start the box after its usual start, " + next.start() + ".");
        }
        if (until.isAfter(next.end())) {
            throw rejected("A box can be delayed by one period at most: until " + next.end() + ".");
        }
    }

    void apply(NextBoxChange change) {
        BillingPeriod next = upcoming(s);
        if (change.kind() == NextBoxChange.Kind.SKIP) {
            s.boxes.skip = next;
        } else {
            s.boxes.delay = next;
            s.boxes.delayUntil = change.until();
        }
        log.info("{} of {} asked the box of period {} to be {}", change.requestedBy(), start.subscriptionId(),
                next.number(), change.kind() == NextBoxChange.Kind.SKIP ? "skipped" : "delayed to " + change.until());
        s.changed();
    }

    /** The period is skipped: it is billed as nothing at all. Asked before each period is billed. */
    boolean skips(BillingPeriod period) {
        return period.equals(s.boxes.skip)
                && Workflow.getVersion(EngineChanges.NEXT_BOX_CHANGES, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * The skipped period passes with nothing issued: no invoice, no charge, no box, and no access for it (access
     * stays at the end of the last paid period). Its value is zero, so a cancel or a plan change in it credits nothing.
     */
    void skip(BillingPeriod period) {
        log.info("Period {} of {} is skipped: not charged, no box", period.number(), start.subscriptionId());
        s.billing.currentPeriod = period;
        s.billing.periodValueMinor = 0L;
        s.billing.periodCoupon = null;
        s.status = SubscriptionStatus.ACTIVE;
        s.boxes.skip = null;
    }

    /** The paid period's box starts later. Asked only for a physical plan's paid period. */
    boolean delays(BillingPeriod period) {
        return period.equals(s.boxes.delay)
                && Workflow.getVersion(EngineChanges.NEXT_BOX_CHANGES, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /** Keeps the paid box until its delayed start; the main loop starts it then ({@link #shipDue}). */
    void holdUntilDelayedStart(BillingPeriod period, long paidMinor) {
        if (s.boxes.waiting != null) {
            shipWaiting(); // cannot happen while delays end by the period's end, but a paid box is never dropped
        }
        s.boxes.waiting = new DelayedBox(period, paidMinor, s.shippedPlan(), s.boxes.delayUntil);
        s.boxes.delay = null;
        s.boxes.delayUntil = null;
        log.info("Box of period {} is paid and starts at {}", period.number(), s.boxes.waiting.startsAt());
    }

    /** When the main loop must wake to start a delayed box, or null. */
    Instant dueAt() {
        return s.boxes.waiting == null ? null : s.boxes.waiting.startsAt();
    }

    /** A delayed box is due: its start has come, or the subscription ended (a paid box still ships). */
    boolean due(Instant now) {
        DelayedBox waiting = s.boxes.waiting;
        return waiting != null && (!now.isBefore(waiting.startsAt()) || s.status == SubscriptionStatus.CANCELED);
    }

    /** Starts the delayed box now. */
    void shipDue() {
        shipWaiting();
        s.changed();
    }

    private void shipWaiting() {
        DelayedBox waiting = s.boxes.waiting;
        s.boxes.waiting = null;
        BoxOrders.ship(start, waiting.plan(), waiting.period(), waiting.paidMinor(), s.paymentMethod,
                s.shippingAddress, now());
    }

    /** The next box as the subscriber sees it; null when the plan ships none or none is coming. */
    static NextBox view(Subscription s) {
        if (s.plan == null || !s.plan.physical()) {
            return null;
        }
        DelayedBox waiting = s.boxes.waiting;
        if (waiting != null) {
            return new NextBox(waiting.period().number(), waiting.startsAt(), false, true, null);
        }
        if (delayAwaitingPayment(s) && boxComing(s)) {
            // Begun but not paid yet (a sent invoice): its box is the next one, delayed as asked.
            BillingPeriod pending = s.boxes.delay;
            return new NextBox(pending.number(), s.boxes.delayUntil, false, true, pending.end());
        }
        if (!boxComing(s)) {
            return null;
        }
        BillingPeriod next = upcoming(s);
        boolean delayed = next.equals(s.boxes.delay);
        return new NextBox(next.number(), delayed ? s.boxes.delayUntil : next.start(), next.equals(s.boxes.skip),
                delayed, next.end());
    }

    /** The current period is delayed and its sent invoice still waits for payment, which will hold its box. */
    private static boolean delayAwaitingPayment(Subscription s) {
        return s.boxes.delay != null && s.boxes.delay.equals(s.billing.currentPeriod) && s.arrears.sentInvoice != null;
    }

    /** The period the subscription bills next: the one whose box a change applies to. */
    static BillingPeriod upcoming(Subscription s) {
        BillingPeriod current = s.billing.currentPeriod;
        return s.schedulePeriod(current == null ? s.billing.anchorPeriod : current.number() + 1);
    }

    private static boolean boxComing(Subscription s) {
        return (s.status == SubscriptionStatus.ACTIVE || s.status == SubscriptionStatus.TRIALING)
                && !s.pending.cancelAtPeriodEnd && !s.pending.pauseAtPeriodEnd;
    }

    private static String describe(Subscription s) {
        if (s.pending.cancelAtPeriodEnd) {
            return "canceling at period end";
        }
        if (s.pending.pauseAtPeriodEnd) {
            return "pausing at period end";
        }
        return s.status.name().toLowerCase().replace('_', '-');
    }
}
