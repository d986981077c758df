package io.perennial.subscription;

import io.perennial.billing.CreditGrant;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceStatus;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.RefundReceipt;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Changes a customer asks for, as Updates answered synchronously: pause and resume, cancel and uncancel, plan
 * changes with proration. The first period without trial runs 31 Jan to 28 Feb 2027: 28 days.
 */
class SubscriptionChangesTest extends SubscriptionWorkflowTestSupport {

    @Test
    void pausingNowCreditsTheUnusedDaysAndAutoResumeReanchorsBilling(TestWorkflowEnvironment env,
                                                                      WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-pause", MONTHLY);
        env.sleep(Duration.ofDays(10));

        Instant resumeAt = Instant.parse("2027-03-15T09:00:00Z");
        SubscriptionState paused = workflow.pause(new PauseRequest(PauseTiming.IMMEDIATELY, resumeAt));
        assertThat(paused.status()).isEqualTo(SubscriptionStatus.PAUSED);
        assertThat(paused.pausedAt()).isEqualTo(Instant.parse("2027-02-10T09:00:00Z"));
        assertThat(paused.accessUntil()).isEqualTo(paused.pausedAt());
        assertThat(paused.nextBillingAt()).isEqualTo(resumeAt);
        // 18 of 28 days unused: 1299 × 18 / 28 = 835.07 → 835.
        assertThat(billing.grants()).extracting(CreditGrant::amountMinor, CreditGrant::reason)
                .containsExactly(tuple(835L, "pause_credit"));

        env.sleep(Duration.ofDays(31));
        assertThat(payments.paid()).hasSize(1);

        env.sleep(Duration.ofDays(2).plusHours(1));
        SubscriptionState resumed = workflow.state();
        assertThat(resumed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        // Billing re-anchored on the resume date; the credit pays most of the first invoice.
        assertThat(resumed.currentPeriod()).isEqualTo(new BillingPeriod(2, resumeAt, Instant.parse("2027-04-15T09:00:00Z")));
        assertThat(billing.invoice("sub-pause:2:renewal").lines()).extracting(InvoiceLine::kind, InvoiceLine::amountMinor)
                .containsExactly(tuple(InvoiceLineKind.PLAN, 1299L), tuple(InvoiceLineKind.ACCOUNT_CREDIT, -835L));
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(1299L, 464L);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-pause"), "subscription-pause-auto-resume");
    }

    @Test
    void pausingAtPeriodEndLetsThePaidPeriodRunOutAndResumeStartsANewPeriodAtOnce(TestWorkflowEnvironment env,
                                                                                 WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-pause-end", MONTHLY);
        env.sleep(Duration.ofDays(5));
        SubscriptionState pausing = workflow.pause(new PauseRequest(PauseTiming.AT_PERIOD_END, null));
        assertThat(pausing.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(pausing.pauseAtPeriodEnd()).isTrue();
        assertThat(pausing.nextBillingAt()).isNull();

        env.sleep(Duration.ofDays(40));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.PAUSED);
        assertThat(workflow.state().pausedAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(payments.paid()).hasSize(1);
        assertThat(billing.grants()).isEmpty();

        SubscriptionState resumed = workflow.resume();
        assertThat(resumed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(resumed.currentPeriod().start()).isEqualTo(Instant.parse("2027-03-17T09:00:00Z"));
        assertThat(payments.paid()).hasSize(2);
    }

    @Test
    void aCancelAtPeriodEndCanBeUndoneUntilThePeriodEnds(TestWorkflowEnvironment env, WorkflowClient client,
                                                        Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-uncancel", MONTHLY);
        env.sleep(Duration.ofDays(10));

        SubscriptionState canceling = workflow.cancelSubscription(new CancelRequest(CancelTiming.AT_PERIOD_END, "too_expensive"));
        assertThat(canceling.cancelAtPeriodEnd()).isTrue();
        assertThat(canceling.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(canceling.nextBillingAt()).isNull();
        assertThat(canceling.accessUntil()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));

        env.sleep(Duration.ofDays(5));
        SubscriptionState kept = workflow.uncancel();
        assertThat(kept.cancelAtPeriodEnd()).isFalse();
        assertThat(kept.nextBillingAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));

        env.sleep(Duration.ofDays(14));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1, 2);
        // Once canceled at period end and the period has run out, nothing can be undone.
        workflow.cancelSubscription(new CancelRequest(CancelTiming.AT_PERIOD_END, null));
        env.sleep(Duration.ofDays(31));
        SubscriptionState end = WorkflowStub.fromTyped(workflow).getResult(SubscriptionState.class);
        assertThat(end.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(end.canceledAt()).isEqualTo(Instant.parse("2027-03-31T09:00:00Z"));
        assertThat(payments.paid()).hasSize(2);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-uncancel"), "subscription-cancel-then-uncancel");
    }

    @Test
    void cancelingNowWithARefundReturnsTheUnusedDaysExactly(TestWorkflowEnvironment env, WorkflowClient client,
                                                           Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-refund", MONTHLY);
        env.sleep(Duration.ofDays(12));

        SubscriptionState end = workflow.cancelSubscription(new CancelRequest(CancelTiming.IMMEDIATELY, "moving", true));

        assertThat(end.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(end.canceledAt()).isEqualTo(Instant.parse("2027-02-12T09:00:00Z"));
        assertThat(end.accessUntil()).isEqualTo(end.canceledAt());
        // 16 of 28 days unused: 1299 × 16 / 28 = 742.29 → 742.
        assertThat(payments.refunds()).extracting(RefundReceipt::refundKey, RefundReceipt::amountMinor)
                .containsExactly(tuple("sub-refund:1:cancel-refund", 742L));
        assertThat(WorkflowStub.fromTyped(workflow).getResult(SubscriptionState.class).cancelReason()).isEqualTo("moving");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-refund"), "subscription-cancel-now-with-refund");
    }

    @Test
    void aMidPeriodUpgradeChargesTheExactProrationAtOnce(TestWorkflowEnvironment env, WorkflowClient client,
                                                        Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-upgrade", MONTHLY);
        env.sleep(Duration.ofDays(10));

        PlanChangeRequest upgrade = new PlanChangeRequest(PREMIUM_MONTHLY);
        PlanChangeQuote preview = workflow.previewPlanChange(upgrade);
        // 18 of 28 days left: credit 1299 × 18/28 = 835.07 → 835, charge 2499 × 18/28 = 1606.5 → 1607.
        assertThat(preview).isEqualTo(new PlanChangeQuote("plan_basic_monthly", "plan_premium_monthly",
                PlanChangeTiming.IMMEDIATELY, Instant.parse("2027-02-10T09:00:00Z"), "EUR", 835, 1607, 772, 0, 0));
        assertThat(payments.paid()).hasSize(1);

        PlanChangeResult result = workflow.changePlan(upgrade);
        assertThat(result.quote()).isEqualTo(preview);
        assertThat(result.state().planId()).isEqualTo("plan_premium_monthly");
        assertThat(result.state().currentPeriod().number()).isEqualTo(1);
        assertThat(billing.invoice("sub-upgrade:1:change-1").lines())
                .extracting(InvoiceLine::kind, InvoiceLine::amountMinor)
                .containsExactly(tuple(InvoiceLineKind.PRORATION_CREDIT, -835L), tuple(InvoiceLineKind.PRORATION_CHARGE, 1607L));
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey, InvoiceCharge::amountMinor)
                .containsExactly(tuple("sub-upgrade:1:renewal", 1299L), tuple("sub-upgrade:1:change-1", 772L));

        env.sleep(Duration.ofDays(19));
        assertThat(payments.paid()).last().extracting(InvoiceCharge::amountMinor).isEqualTo(2499L);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-upgrade"), "subscription-upgrade-proration");
    }

    @Test
    void aDowngradeWaitsForThePeriodEnd(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-downgrade", PREMIUM_MONTHLY);
        env.sleep(Duration.ofDays(10));

        PlanChangeResult result = workflow.changePlan(new PlanChangeRequest(MONTHLY));
        assertThat(result.quote().timing()).isEqualTo(PlanChangeTiming.AT_PERIOD_END);
        assertThat(result.quote().effectiveAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(result.quote().amountDueNowMinor()).isZero();
        assertThat(result.state().planId()).isEqualTo("plan_premium_monthly");
        assertThat(result.state().scheduledPlanId()).isEqualTo("plan_basic_monthly");
        assertThat(payments.paid()).hasSize(1);

        env.sleep(Duration.ofDays(19));
        assertThat(workflow.state().planId()).isEqualTo("plan_basic_monthly");
        assertThat(workflow.state().scheduledPlanId()).isNull();
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(2499L, 1299L);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-downgrade"), "subscription-downgrade-at-period-end");
    }

    @Test
    void aDeclinedUpgradeLeavesThePlanAsItWasAndVoidsItsInvoice(TestWorkflowEnvironment env, WorkflowClient client,
                                                                Worker worker) {
        payments.decline(1, "change-1");
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-upgrade-declined", MONTHLY);
        env.sleep(Duration.ofDays(10));

        assertThatThrownBy(() -> workflow.changePlan(new PlanChangeRequest(PREMIUM_MONTHLY)))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().isInstanceOf(ApplicationFailure.class)
                .satisfies(cause -> assertThat(((ApplicationFailure) cause).getType())
                        .isEqualTo(SubscriptionFailures.PLAN_CHANGE_DECLINED));

        assertThat(workflow.state().planId()).isEqualTo("plan_basic_monthly");
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(billing.invoice("sub-upgrade-declined:1:change-1").status()).isEqualTo(InvoiceStatus.VOID);
        // Told the change was not made, not that the charge will be tried again (a change is never retried).
        assertThat(notifications.templates()).contains("plan_change_declined").doesNotContain("payment_failed");
    }

    @Test
    void changesThatMakeNoSenseNowAreRejectedWithoutTouchingTheSubscription(TestWorkflowEnvironment env,
                                                                           WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-rejects", MONTHLY_WITH_TRIAL);
        env.sleep(Duration.ofDays(1));
        long revision = workflow.state().revision();

        assertRejected(() -> workflow.uncancel(), "Only a cancellation at period end");
        assertRejected(() -> workflow.pause(new PauseRequest(PauseTiming.IMMEDIATELY, null)), "A trial cannot be paused");
        assertRejected(() -> workflow.resume(), "not paused");
        assertRejected(() -> workflow.changePlan(new PlanChangeRequest(new PlanTerms("plan_usd", "USD plan", 999,
                "USD", BillingInterval.monthly(), 0))), "priced in USD");

        assertThat(workflow.state().revision()).isEqualTo(revision);
        assertThat(client.fetchHistory(WorkflowIds.subscription("sub-rejects")).getEvents())
                .noneMatch(event -> event.hasWorkflowExecutionUpdateAcceptedEventAttributes());
    }

    private static void assertRejected(Runnable change, String reason) {
        assertThatThrownBy(change::run).isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining(reason);
    }
}
