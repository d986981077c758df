package io.perennial.subscription;

import io.perennial.order.FakeRiskChecks;
import io.perennial.payment.InvoiceCharge;
import io.perennial.risk.RiskDecision;
import io.perennial.risk.RiskReviewStatus;
import io.perennial.risk.SubscriptionRiskRecord;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A subscription's first charge goes through the orders' risk check ({@link FakeRiskChecks} scores by payment
 * method: {@code pm_risky_review} 60, {@code pm_risky_refuse} 95, thresholds 50 and 90, 48 hours to decide).
 */
class SubscriptionFirstChargeRiskTest extends SubscriptionWorkflowTestSupport {

    private final FakeRiskChecks risk = new FakeRiskChecks();

    private SubscriptionWorkflow subscribe(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                                           String id, PlanTerms plan, String paymentMethod) {
        // The check runs where the orders' runs: on the orders' task queue.
        env.newWorker(TaskQueues.ORDERS).registerActivitiesImplementations(risk);
        return start(env, client, worker, new SubscriptionStart(id, "cust-1", plan, paymentMethod, null, 0, null,
                null, null, null, null, null, null, false, true, null));
    }

    private SubscriptionRiskRecord lastReview() {
        List<SubscriptionRiskRecord> reviews = risk.subscriptionReviews();
        return reviews.get(reviews.size() - 1);
    }

    private static WorkflowExecutionStatus status(WorkflowClient client, String id) {
        return client.newUntypedWorkflowStub(WorkflowIds.subscription(id)).describe().getStatus();
    }

    @Test
    void aLowScoreChargesTheFirstPeriodAsBeforeAfterOneCheckOfThePlansPrice(TestWorkflowEnvironment env,
                                                                            WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = subscribe(env, client, worker, "sub-low", MONTHLY, "pm_card_visa");
        env.sleep(Duration.ofMinutes(1));

        assertThat(risk.subscriptionChecks()).singleElement().satisfies(check -> {
            assertThat(check.amountMinor()).isEqualTo(1299);
            assertThat(check.checkId()).isEqualTo("subscription:sub-low");
        });
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1);
        assertThat(risk.subscriptionReviews()).as("nothing for ops").isEmpty();
        assertThat(workflow.state().riskReview()).as("a check that passed shows nothing").isNull();
        env.sleep(Duration.ofDays(28));
        assertThat(risk.subscriptionChecks()).as("renewals are not checked").hasSize(1);
        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1, 2);
        assertThatThrownBy(() -> workflow.decideRisk(new RiskDecision(true, "looks fine", "ops-1")))
                .isInstanceOf(WorkflowUpdateException.class);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-low"), "subscription-risk-check-passed");
    }

    @Test
    void theCheckScoresWhatTheFirstPeriodCostsWithItsSeatsAndAddOns(TestWorkflowEnvironment env,
                                                                    WorkflowClient client, Worker worker) {
        env.newWorker(TaskQueues.ORDERS).registerActivitiesImplementations(risk);
        start(env, client, worker, new SubscriptionStart("sub-seats", "cust-1", MONTHLY, "pm_card_visa", null, 0,
                null, null, null, null, null, null, null, false, true,
                new SubscriptionItems(3, List.of(SubscriptionQuantityTest.SUPPORT.withQuantity(2)))));
        env.sleep(Duration.ofMinutes(1));

        // 3 seats at 12.99 and 2 add-ons at 5.00: a large first order is large however it is made up.
        assertThat(risk.subscriptionChecks()).singleElement()
                .satisfies(check -> assertThat(check.amountMinor()).isEqualTo(3 * 1299 + 2 * 500));
        assertThat(payments.paid()).singleElement().satisfies(paid -> assertThat(paid.amountMinor()).isEqualTo(4897));
    }

    @Test
    void aRiskyFirstChargeWaitsUnchargedInReviewAndIsChargedOnceOpsApprove(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = subscribe(env, client, worker, "sub-review", MONTHLY, "pm_risky_review");
        env.sleep(Duration.ofHours(1));

        SubscriptionState waiting = workflow.state();
        assertThat(waiting.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(waiting.currentPeriod()).as("no period billed").isNull();
        assertThat(waiting.riskReview()).as("what the subscriber sees").isEqualTo(RiskReviewStatus.IN_REVIEW);
        assertThat(billing.invoices()).isEmpty();
        assertThat(lastReview().review().status()).isEqualTo(RiskReviewStatus.IN_REVIEW);
        assertThat(lastReview().review().score()).isEqualTo(60);
        assertThat(lastReview().review().reviewDeadlineAt()).isEqualTo(lastReview().review().checkedAt()
                .plus(Duration.ofHours(48)));

        workflow.decideRisk(new RiskDecision(true, "customer confirmed by phone", "ops-1"));
        env.sleep(Duration.ofMinutes(1));

        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1);
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(lastReview().review().status()).isEqualTo(RiskReviewStatus.APPROVED);
        assertThat(workflow.state().riskReview()).isEqualTo(RiskReviewStatus.APPROVED);
        assertThat(lastReview().review().decisionReason()).isEqualTo("customer confirmed by phone");
        assertThatThrownBy(() -> workflow.decideRisk(new RiskDecision(false, "changed my mind", "ops-2")))
                .as("decided once").isInstanceOf(WorkflowUpdateException.class);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-review"), "subscription-risk-review-approved");
    }

    @Test
    void nobodyDecidingBeforeTheDeadlineEndsTheSubscriptionUncharged(TestWorkflowEnvironment env,
                                                                     WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = subscribe(env, client, worker, "sub-deadline", MONTHLY, "pm_risky_review");
        env.sleep(Duration.ofHours(47));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);

        env.sleep(Duration.ofHours(2));

        SubscriptionState ended = workflow.state();
        assertThat(ended.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(ended.cancelReason()).isEqualTo("risk_refused");
        assertThat(ended.accessUntil()).as("no access bought").isEqualTo(ended.startedAt());
        assertThat(billing.invoices()).isEmpty();
        assertThat(payments.attempts()).isEmpty();
        assertThat(lastReview().review().status()).isEqualTo(RiskReviewStatus.REFUSED);
        assertThat(lastReview().review().decidedBy()).isEqualTo("deadline");
        assertThat(status(client, "sub-deadline")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-deadline"), "subscription-risk-review-deadline");
    }

    @Test
    void aScoreAtTheRefuseThresholdEndsTheSubscriptionAtOnceUncharged(TestWorkflowEnvironment env,
                                                                      WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = subscribe(env, client, worker, "sub-refused", MONTHLY, "pm_risky_refuse");
        env.sleep(Duration.ofMinutes(1));

        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(workflow.state().cancelReason()).isEqualTo("risk_refused");
        assertThat(payments.attempts()).isEmpty();
        assertThat(billing.invoices()).isEmpty();
        assertThat(lastReview().review().status()).isEqualTo(RiskReviewStatus.REFUSED);
        assertThat(lastReview().review().decidedBy()).isEqualTo("rules");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-refused"), "subscription-risk-refused");
    }

    @Test
    void aTrialIsCheckedAtItsEndAndOpsMayRefuseIt(TestWorkflowEnvironment env, WorkflowClient client,
                                                   Worker worker) {
        SubscriptionWorkflow workflow = subscribe(env, client, worker, "sub-trial", MONTHLY_WITH_TRIAL,
                "pm_risky_review");
        env.sleep(Duration.ofDays(13));
        assertThat(risk.subscriptionChecks()).as("nothing to charge during the trial").isEmpty();

        env.sleep(Duration.ofDays(1).plusHours(1));
        assertThat(risk.subscriptionChecks()).hasSize(1);
        workflow.decideRisk(new RiskDecision(false, "stolen identity", "ops-1"));
        env.sleep(Duration.ofMinutes(1));

        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(workflow.state().cancelReason()).isEqualTo("risk_refused");
        assertThat(payments.attempts()).isEmpty();
        assertThat(lastReview().review().decidedBy()).isEqualTo("ops-1");
    }

    @Test
    void aCustomerMayCancelWhileTheReviewWaitsAndNothingIsCharged(TestWorkflowEnvironment env,
                                                                  WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = subscribe(env, client, worker, "sub-cancel", MONTHLY, "pm_risky_review");
        env.sleep(Duration.ofHours(1));

        SubscriptionState canceled = workflow.cancelSubscription(new CancelRequest(CancelTiming.IMMEDIATELY,
                "changed_mind", false));
        env.sleep(Duration.ofMinutes(1));

        assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(workflow.state().cancelReason()).isEqualTo("changed_mind");
        assertThat(payments.attempts()).isEmpty();
        assertThat(lastReview().review().decidedBy()).isEqualTo("canceled");
        assertThat(status(client, "sub-cancel")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }
}
