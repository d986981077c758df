package io.perennial.subscription;

import io.perennial.risk.RiskActivities;
import io.perennial.risk.RiskAssessment;
import io.perennial.risk.RiskDecision;
import io.perennial.risk.RiskReview;
import io.perennial.risk.RiskReviewStatus;
import io.perennial.risk.SubscriptionRiskCheck;
import io.perennial.risk.SubscriptionRiskRecord;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.perennial.temporal.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;

import java.time.Duration;
import java.time.Instant;

import static io.perennial.temporal.BusinessTime.now;

/**
 * A subscription's first charge goes through the orders' risk check ({@link RiskActivities}, on the orders' task
 * queue where it runs): a low score charges as before; above the review threshold the subscription waits, nothing
 * charged, for an ops decision ({@code decideRisk}) until the review deadline; above the refuse threshold, or refused
 * by ops or the deadline, it ends uncharged ({@code cancelReason} {@value #REFUSED_REASON}). The review waits without
 * the workflow lock, so the customer can still cancel; the decision's rules are {@link #refusal}, asked by the
 * Update's validator and its handler alike.
 */
final class FirstChargeRiskReview {

    static final String REFUSED_REASON = "risk_refused";

    private final RiskActivities risk = Workflow.newActivityStub(RiskActivities.class, ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.ORDERS)
            .setStartToCloseTimeout(ActivityStubs.DATABASE_ATTEMPT)
            .setRetryOptions(RetryPolicies.DATABASE)
            .build());
    private final SubscriptionStart start;
    private final Subscription s;
    private final WorkflowLock lock;
    private final PublishedView view;

    FirstChargeRiskReview(SubscriptionStart start, Subscription s, WorkflowLock lock, PublishedView view) {
        this.start = start;
        this.s = s;
        this.lock = lock;
        this.view = view;
    }

    /**
     * Call under the lock, before the first period is billed: true when the first charge must not be made (the
     * subscription has ended, refused or canceled meanwhile), false to charge it.
     */
    boolean refusesFirstCharge() {
        if (!applies()) {
            return false;
        }
        RiskAssessment assessment = risk.assessSubscription(new SubscriptionRiskCheck(start.subscriptionId(),
                start.customerId(), s.priceOf(s.plan), s.plan.currency(), s.paymentMethod, s.shippingAddress,
                now()));
        s.risk = RiskReview.of(assessment, now());
        switch (assessment.verdict()) {
            case PASS -> {
                // Charged exactly as before: nothing to show or record beyond the check itself.
                return false;
            }
            case REFUSE -> {
                return refused();
            }
            default -> {
                record();
                s.changed();
                return awaitDecision();
            }
        }
    }

    /** Only new subscriptions that are charged, before their first charge; histories from before ask nothing. */
    private boolean applies() {
        return start.riskChecked() && s.risk == null && s.billing.currentPeriod == null && !s.sendsInvoices()
                && s.priceOf(s.plan) > 0
                && Workflow.getVersion(EngineChanges.FIRST_CHARGE_RISK_REVIEW, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    private boolean awaitDecision() {
        while (true) {
            view.publish();
            long seen = s.revision;
            Instant deadline = s.risk.reviewDeadlineAt();
            Duration left = Duration.between(now(), deadline);
            if (left.isNegative() || left.isZero()) {
                s.risk = s.risk.decided(RiskReviewStatus.REFUSED, "deadline", "no decision before " + deadline,
                        deadline);
                return refused();
            }
            lock.unlock();
            try {
                Workflow.await(left, () -> s.revision != seen);
            } finally {
                lock.lock();
            }
            if (s.status == SubscriptionStatus.CANCELED) {
                s.risk = s.risk.decided(RiskReviewStatus.REFUSED, "canceled",
                        "the subscription was canceled before a decision", now());
                record();
                return true;
            }
            if (s.risk.status() == RiskReviewStatus.APPROVED) {
                record();
                return false;
            }
            if (s.risk.status() == RiskReviewStatus.REFUSED) {
                return refused();
            }
            // Another change (a coupon, an address): record it and wait on.
        }
    }

    private boolean refused() {
        record();
        s.pending.cancelReason = REFUSED_REASON;
        s.endCanceled(now());
        return true;
    }

    private void record() {
        risk.recordSubscriptionReview(new SubscriptionRiskRecord(start.subscriptionId(), start.customerId(),
                s.plan.planId(), s.plan.amountMinor(), s.plan.currency(), s.risk));
    }

    /** Null when the decision can be taken now; otherwise why not. */
    static String refusal(Subscription s, RiskDecision decision) {
        if (decision == null || decision.reason() == null || decision.reason().isBlank()) {
            return "a decision needs a reason";
        }
        if (s.risk == null) {
            return "the subscription's first charge was not held for risk review";
        }
        if (s.risk.status().decided()) {
            return "the risk review is already decided: " + s.risk.status() + " by " + s.risk.decidedBy();
        }
        if (s.risk.status() != RiskReviewStatus.IN_REVIEW || s.status == SubscriptionStatus.CANCELED) {
            return "the subscription is " + s.status + ", not in risk review";
        }
        return null;
    }

    static void decide(Subscription s, RiskDecision decision) {
        s.risk = s.risk.decided(decision.approve() ? RiskReviewStatus.APPROVED : RiskReviewStatus.REFUSED,
                decision.decidedBy(), decision.reason().strip(), now());
        s.changed();
    }
}
