package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.CreditGrant;
import io.perennial.billing.Proration;
import io.perennial.temporal.ActivityStubs;

import static io.perennial.temporal.BusinessTime.now;

/**
 * Pauses now (the unused part of the period becomes account credit) or at period end, and resumes: a paused
 * subscription bills a new period from the moment it resumes; one that was to pause at period end simply does not.
 */
final class PauseAndResume {

    private final BillingActivities billing = ActivityStubs.database(BillingActivities.class);
    private final SubscriptionStart start;
    private final Subscription s;
    private final PeriodBilling periodBilling;

    PauseAndResume(SubscriptionStart start, Subscription s, PeriodBilling periodBilling) {
        this.start = start;
        this.s = s;
        this.periodBilling = periodBilling;
    }

    void pause(PauseRequest request) {
        s.pending.resumeAt = request.resumeAt();
        if (request.timing() == PauseTiming.AT_PERIOD_END) {
            s.pending.pauseAtPeriodEnd = true;
            s.changed();
            return;
        }
        BillingPeriod current = s.billing.currentPeriod;
        long unused = Proration.unusedShare(s.periodValue(), current, now());
        if (unused > 0) {
            billing.grantAccountCredit(CreditGrant.fromPeriod(
                    start.subscriptionId() + ":" + current.number() + ":pause-credit", start.customerId(),
                    unused, s.plan.currency(), "pause_credit", now(), start.subscriptionId(), current.number()));
        }
        s.status = SubscriptionStatus.PAUSED;
        s.pending.pausedAt = now();
        s.billing.paidThrough = s.pending.pausedAt;
        s.changed();
    }

    void resume() {
        if (s.status == SubscriptionStatus.PAUSED) {
            periodBilling.resume();
        } else {
            s.pending.pauseAtPeriodEnd = false;
            s.pending.resumeAt = null;
            s.changed();
        }
    }
}
