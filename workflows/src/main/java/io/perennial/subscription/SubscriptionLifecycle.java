package io.perennial.subscription;

import io.perennial.subscription.CustomerReminders.Reminder;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;

import static io.perennial.temporal.BusinessTime.earliest;
import static io.perennial.temporal.BusinessTime.now;

/**
 * The main loop of the current engine: a state machine over TRIALING, ACTIVE, PAST_DUE, PAUSED and CANCELED
 * (docs/billing.md has the diagram). It sleeps until the next due moment (trial end, period end, next dunning
 * retry, auto-resume, a reminder) or until a handler changed the state, then acts under the workflow lock, and
 * continues as new after {@link SubscriptionStart#periodsPerRun()} periods.
 */
final class SubscriptionLifecycle {

    private static final Logger log = Workflow.getLogger(SubscriptionLifecycle.class);

    private final SubscriptionStart start;
    private final Subscription s;
    private final ThisRun thisRun;
    private final WorkflowLock lock;
    private final PublishedView view;
    private final CustomerReminders reminders;
    private final PeriodBilling periodBilling;
    private final DunningRetries dunning;
    private final CouponsAndReferrals couponsAndReferrals;
    private final SentInvoices sentInvoices;
    private final NextBoxes nextBoxes;
    private final FirstChargeRiskReview firstChargeRisk;
    private final PlanChangeAuthentication awaitedChange;

    SubscriptionLifecycle(SubscriptionStart start, Subscription s, ThisRun thisRun, WorkflowLock lock,
                          PublishedView view, CustomerReminders reminders, PeriodBilling periodBilling,
                          DunningRetries dunning, CouponsAndReferrals couponsAndReferrals,
                          SentInvoices sentInvoices, NextBoxes nextBoxes, PlanChangeAuthentication awaitedChange) {
        this.awaitedChange = awaitedChange;
        this.nextBoxes = nextBoxes;
        this.sentInvoices = sentInvoices;
        this.start = start;
        this.s = s;
        this.thisRun = thisRun;
        this.lock = lock;
        this.view = view;
        this.reminders = reminders;
        this.periodBilling = periodBilling;
        this.dunning = dunning;
        this.couponsAndReferrals = couponsAndReferrals;
        this.firstChargeRisk = new FirstChargeRiskReview(start, s, lock, view);
    }

    SubscriptionState run() {
        if (start.firstRun() && start.couponCode() != null) {
            couponsAndReferrals.redeemAtSignup(start.couponCode());
        }
        while (true) {
            view.publish();
            if (shipDelayedBox()) {
                continue;
            }
            if (s.status == SubscriptionStatus.CANCELED) {
                return start.stateOf(s);
            }
            if ((thisRun.periods >= start.periodsPerRun() || Workflow.getInfo().isContinueAsNewSuggested())
                    && !firstChargeAwaited()) {
                // Hand over only between handlers, so no update or signal is cut off mid-way.
                Workflow.await(Workflow::isEveryHandlerFinished);
                if (s.status == SubscriptionStatus.CANCELED) {
                    continue;
                }
                if (!ready()) {
                    view.publish();
                    log.info("Continuing as new after {} periods in run {}", thisRun.periods, s.runs);
                    Workflow.continueAsNew(start.continuedWith(s));
                }
                // Something is due now (a renewal, a retry asked for during the hand-over): do it first, then
                // hand over on the next pass. Looping back without acting would spin without ever yielding.
            }
            if (sendDueReminder()) {
                continue;
            }
            if (!ready()) {
                if (!s.inArrears()) {
                    // A retry asked for while the charge in flight succeeded has been answered by that charge.
                    thisRun.retryRequested = false;
                }
                long seen = s.revision;
                Instant due = earliest(earliest(earliest(s.nextEventAt(start.dunning()), reminders.nextAt()),
                        nextBoxes.dueAt()), awaitedChange.dueAt());
                if (due == null) {
                    Workflow.await(() -> s.revision != seen || retryAsked());
                } else {
                    Workflow.await(Duration.between(now(), due), () -> s.revision != seen || retryAsked());
                }
                continue;
            }
            lock.lock();
            try {
                if (ready()) {
                    thisRun.acting = true;
                    try {
                        act();
                    } finally {
                        thisRun.acting = false;
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * A create-and-charge still waits for its first charge (on hold: the provider did not answer), and only this loop
     * can retry it: handing over now would wait for that handler forever (found by the money property test). The
     * hand-over waits for the charge; asked only in that state ({@link EngineChanges#FIRST_CHARGE_BEFORE_HAND_OVER}).
     */
    private boolean firstChargeAwaited() {
        return !Workflow.isEveryHandlerFinished() && !s.firstChargeKnown()
                && Workflow.getVersion(EngineChanges.FIRST_CHARGE_BEFORE_HAND_OVER, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    private boolean ready() {
        Instant due = s.nextEventAt(start.dunning());
        return (due != null && !now().isBefore(due)) || retryAsked() || awaitedChange.due();
    }

    /**
     * A retry asked for (ops, or a new card) counts only while past due (or suspended). Waking on one that arrived while the charge in
     * flight succeeded would loop without yielding: the workflow would be stuck (found by the money property test).
     */
    private boolean retryAsked() {
        return s.inArrears() && thisRun.retryRequested;
    }

    private void act() {
        if (awaitedChange.due()) {
            // Before the period end it waited for: the renewal then bills the plan the change left.
            awaitedChange.settle();
            return;
        }
        switch (s.status) {
            case TRIALING -> endTrial();
            case ACTIVE -> endPeriod();
            case PAST_DUE, SUSPENDED -> dunning.retry();
            case PAUSED -> periodBilling.resume();
            case CANCELED -> {
            }
        }
    }

    private void endTrial() {
        if (s.pending.cancelAtPeriodEnd) {
            s.endCanceled(now());
            return;
        }
        if (firstChargeRisk.refusesFirstCharge()) {
            return;
        }
        periodBilling.bill(s.schedulePeriod(s.billing.anchorPeriod));
    }

    private void endPeriod() {
        if (s.arrears.sentInvoice != null) {
            sentInvoices.due();
            return;
        }
        BillingPeriod ended = s.billing.currentPeriod;
        if (ended == null) {
            // No trial: the first period starts with the subscription.
            if (firstChargeRisk.refusesFirstCharge()) {
                return;
            }
            periodBilling.bill(s.schedulePeriod(s.billing.anchorPeriod));
            return;
        }
        if (s.pending.cancelAtPeriodEnd) {
            s.endCanceled(now());
            return;
        }
        PlanTerms scheduled = s.pending.scheduledPlan;
        if (scheduled != null) {
            log.info("Downgrade to {} takes effect after period {}", scheduled.planId(), ended.number());
            s.plan = scheduled;
            s.pending.scheduledPlan = null;
        }
        SubscriptionItems scheduledItems = s.pending.scheduledItems;
        if (scheduledItems != null) {
            log.info("Items {} take effect after period {}", scheduledItems, ended.number());
            s.items = scheduledItems;
            s.pending.scheduledItems = null;
        }
        if (s.pending.pauseAtPeriodEnd) {
            s.pending.pauseAtPeriodEnd = false;
            s.status = SubscriptionStatus.PAUSED;
            s.pending.pausedAt = ended.end();
            s.changed();
            return;
        }
        periodBilling.bill(s.schedulePeriod(ended.number() + 1));
    }

    /** Starts a delayed box whose time has come (or whose subscription ended); true when one was started. */
    private boolean shipDelayedBox() {
        if (!nextBoxes.due(now())) {
            return false;
        }
        lock.lock();
        try {
            if (nextBoxes.due(now())) {
                nextBoxes.shipDue();
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** Sends the reminder that is due now, if any; true when one was sent. */
    private boolean sendDueReminder() {
        Reminder due = reminders.dueAt(now());
        if (due == null) {
            return false;
        }
        lock.lock();
        try {
            reminders.send(due);
        } finally {
            lock.unlock();
        }
        return true;
    }
}
