package io.perennial.subscription;

import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.util.Map;

import static io.perennial.temporal.BusinessTime.now;

/**
 * The plan's dunning outcome {@link DunningOutcome#SUSPEND} (change id {@link EngineChanges#DUNNING_SUSPEND}): when
 * dunning is used up, the subscription is {@link SubscriptionStatus#SUSPENDED} instead of canceled. Its overdue
 * invoice stays open and its {@link Dunning} state stays, so whatever collects a past-due invoice still collects it:
 * a new card or an ops retry charges it once more, a bank transfer or a redirect payment pays it. Nothing else is
 * billed and access stays ended. Paid, the subscription is active again: for the rest of the invoice's period, or,
 * when that period is over, from a new period that starts then (billing re-anchors as after a pause).
 */
final class Suspension {

    private static final Logger log = Workflow.getLogger(Suspension.class);

    private final Subscription s;
    private final CustomerNotices notices;
    private final Entitlements entitlements;

    Suspension(Subscription s, CustomerNotices notices, Entitlements entitlements) {
        this.s = s;
        this.notices = notices;
        this.entitlements = entitlements;
    }

    /** Dunning is used up on a plan that suspends: asked only then, so other plans' histories are unchanged. */
    boolean suspends() {
        return s.status == SubscriptionStatus.SUSPENDED || s.plan.suspendsOnDunning()
                && Workflow.getVersion(EngineChanges.DUNNING_SUSPEND, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /** Suspends the subscription over {@code overdue}, whose invoice stays open; the customer is told once. */
    void suspend(Dunning overdue) {
        if (s.status == SubscriptionStatus.SUSPENDED) {
            return; // a payment tried while suspended failed again: it stays suspended
        }
        log.info("Dunning used up for period {}; suspended until its invoice is paid", overdue.period().number());
        s.status = SubscriptionStatus.SUSPENDED;
        s.changed();
        notices.send(overdue.period().number() + ":suspended", "subscription_suspended", Map.of(
                "period", String.valueOf(overdue.period().number()),
                "amountMinor", String.valueOf(overdue.amountDueMinor()), "currency", s.plan.currency()));
    }

    /**
     * The overdue invoice of {@code period} was paid: the period is served, and a suspended subscription is active
     * again ({@link #reactivated}).
     */
    void overduePaid(BillingPeriod period, long amountMinor) {
        boolean suspended = s.status == SubscriptionStatus.SUSPENDED;
        entitlements.paid(period, amountMinor);
        if (suspended) {
            reactivated(period);
        }
    }

    /**
     * The suspended subscription's invoice for {@code period} was paid (and the period served): when that period is
     * over, billing re-anchors now, so the next period starts now and is billed at once instead of the missed ones.
     */
    private void reactivated(BillingPeriod period) {
        if (now().isBefore(period.end())) {
            log.info("Suspended subscription paid; active for the rest of period {}", period.number());
            return;
        }
        log.info("Suspended subscription paid after period {} ended; billing restarts now", period.number());
        s.billing.anchor = now();
        s.billing.anchorPeriod = period.number() + 1;
    }
}
