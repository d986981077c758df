package io.perennial.subscription;

import io.perennial.payment.RenewalCharge;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionWorkflowTest {

    static final Instant JAN_31_2027 = Instant.parse("2027-01-31T09:00:00Z");
    static final PlanTerms MONTHLY_WITH_TRIAL =
            new PlanTerms("plan_digital_monthly", "Digital monthly", 1299, "EUR", BillingInterval.monthly(), 14);
    static final PlanTerms MONTHLY_NO_TRIAL =
            new PlanTerms("plan_digital_monthly_notrial", "Digital monthly", 1299, "EUR", BillingInterval.monthly(), 0);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(SubscriptionWorkflowImpl.class)
            .registerSearchAttribute("CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("PlanId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("SubscriptionStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("NextBillingAt", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME)
            .registerSearchAttribute("FailedPaymentCount", IndexedValueType.INDEXED_VALUE_TYPE_INT)
            .setInitialTime(JAN_31_2027)
            .setDoNotStart(true)
            .build();

    private final FakePayments payments = new FakePayments();
    private final FakeRecords records = new FakeRecords();

    private SubscriptionWorkflow start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                                       String subscriptionId, PlanTerms plan) {
        worker.registerActivitiesImplementations(payments, records);
        env.start();
        SubscriptionWorkflow workflow = client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.subscription(subscriptionId))
                .setTaskQueue(worker.getTaskQueue())
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(PerennialSearchAttributes.CUSTOMER_ID, "cust-1").build())
                .build());
        WorkflowClient.start(workflow::run, new SubscriptionStart(subscriptionId, "cust-1", plan, "pm_card_visa", null));
        return workflow;
    }

    @Test
    void aTrialEndsInTheFirstChargeAndThirteenMonthlyRenewalsFollow(TestWorkflowEnvironment env, WorkflowClient client,
                                                                   Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-trial", MONTHLY_WITH_TRIAL);

        env.sleep(Duration.ofDays(13));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(payments.attempts()).isEmpty();

        env.sleep(Duration.ofDays(1).plusHours(1));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).hasSize(1);

        // Trial ended 14 Feb 2027 09:00; periods are anchored there.
        env.sleep(Duration.ofDays(366));
        List<RenewalCharge> paid = payments.paid();
        assertThat(paid).hasSize(13);
        assertThat(paid).extracting(RenewalCharge::period).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(paid).extracting(RenewalCharge::idempotencyKey).doesNotHaveDuplicates();
        assertThat(paid.get(0).businessTime()).isEqualTo(Instant.parse("2027-02-14T09:00:00Z"));
        assertThat(paid.get(12).businessTime()).isEqualTo(Instant.parse("2028-02-14T09:00:00Z"));
        assertThat(paid).allSatisfy(charge -> assertThat(charge.amountMinor()).isEqualTo(1299));

        SubscriptionState state = workflow.state();
        assertThat(state.currentPeriod().number()).isEqualTo(13);
        assertThat(state.nextBillingAt()).isEqualTo(Instant.parse("2028-03-14T09:00:00Z"));
        assertThat(records.last().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-trial"), "subscription-trial-then-renewals");
    }

    @Test
    void periodsAreAnchoredOnTheStartDateAcrossShortMonthsAndALeapYear(TestWorkflowEnvironment env,
                                                                      WorkflowClient client, Worker worker) {
        start(env, client, worker, "sub-jan31", MONTHLY_NO_TRIAL);

        env.sleep(Duration.ofDays(430));

        assertThat(payments.paid()).extracting(charge -> charge.businessTime().toString().substring(0, 10))
                .startsWith("2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30",
                        "2027-07-31", "2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31",
                        "2028-01-31", "2028-02-29", "2028-03-31");
    }

    @Test
    void cancelingAtPeriodEndKeepsThePaidPeriodThenEndsWithoutAnotherCharge(TestWorkflowEnvironment env,
                                                                           WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-cancel-end", MONTHLY_NO_TRIAL);
        env.sleep(Duration.ofDays(10));

        workflow.cancel(new CancelRequest(CancelTiming.AT_PERIOD_END, "too_expensive"));
        env.sleep(Duration.ofDays(1));
        SubscriptionState midPeriod = workflow.state();
        assertThat(midPeriod.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(midPeriod.cancelAtPeriodEnd()).isTrue();
        assertThat(records.last().cancelAtPeriodEnd()).isTrue();

        WorkflowStub stub = WorkflowStub.fromTyped(workflow);
        SubscriptionState end = stub.getResult(SubscriptionState.class);
        assertThat(end.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(end.cancelReason()).isEqualTo("too_expensive");
        assertThat(end.canceledAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(payments.paid()).hasSize(1);
        assertThat(records.last().status()).isEqualTo(SubscriptionStatus.CANCELED);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-cancel-end"), "subscription-cancel-at-period-end");
    }

    @Test
    void cancelingImmediatelyMidPeriodEndsTheSubscriptionAtOnce(TestWorkflowEnvironment env, WorkflowClient client,
                                                               Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-cancel-now", MONTHLY_NO_TRIAL);
        env.sleep(Duration.ofDays(12));

        workflow.cancel(new CancelRequest(CancelTiming.IMMEDIATELY, null));
        SubscriptionState end = WorkflowStub.fromTyped(workflow).getResult(SubscriptionState.class);

        assertThat(end.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(end.cancelReason()).isEqualTo("customer_request");
        assertThat(end.canceledAt()).isEqualTo(Instant.parse("2027-02-12T09:00:00Z"));
        assertThat(payments.paid()).hasSize(1);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-cancel-now"), "subscription-cancel-immediately");
    }

    @Test
    void aDeclinedRenewalGoesPastDueAndRecoversOnTheThirdRetry(TestWorkflowEnvironment env, WorkflowClient client,
                                                              Worker worker) {
        payments.decline(2, "renewal").decline(2, "dunning-1").decline(2, "dunning-2");
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-dunning", MONTHLY_NO_TRIAL);

        env.sleep(Duration.ofDays(29));
        SubscriptionState pastDue = workflow.state();
        assertThat(pastDue.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(pastDue.failedPaymentCount()).isEqualTo(1);
        assertThat(pastDue.nextBillingAt()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));

        env.sleep(Duration.ofDays(6));
        SubscriptionState recovered = workflow.state();
        assertThat(recovered.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(recovered.failedPaymentCount()).isZero();
        assertThat(payments.attempts()).extracting(RenewalCharge::purpose)
                .containsExactly("renewal", "renewal", "dunning-1", "dunning-2", "dunning-3");
        assertThat(payments.paid()).extracting(RenewalCharge::idempotencyKey)
                .containsExactly("sub-dunning:1:renewal", "sub-dunning:2:dunning-3");
        // The retried period keeps its place on the calendar.
        assertThat(recovered.nextBillingAt()).isEqualTo(Instant.parse("2027-03-31T09:00:00Z"));
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-dunning"), "subscription-dunning-recovered");
    }

    @Test
    void whenEveryRetryIsDeclinedTheSubscriptionIsCanceledForFailedPayment(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        payments.decline(1, "renewal").decline(1, "dunning-1").decline(1, "dunning-2")
                .decline(1, "dunning-3").decline(1, "dunning-4");
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-exhausted", MONTHLY_NO_TRIAL);

        SubscriptionState end = WorkflowStub.fromTyped(workflow).getResult(SubscriptionState.class);

        assertThat(end.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(end.cancelReason()).isEqualTo("payment_failed");
        assertThat(end.failedPaymentCount()).isEqualTo(5);
        assertThat(end.canceledAt()).isEqualTo(Instant.parse("2027-02-07T09:00:00Z"));
        assertThat(payments.paid()).isEmpty();
        assertThat(client.fetchHistory(WorkflowIds.subscription("sub-exhausted")).getLastEvent().hasWorkflowExecutionCompletedEventAttributes()).isTrue();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-exhausted"), "subscription-dunning-exhausted");
    }

    @Test
    void searchAttributesFollowTheStatus(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        start(env, client, worker, "sub-visible", MONTHLY_WITH_TRIAL);
        env.sleep(Duration.ofHours(1));

        var description = client.newUntypedWorkflowStub(WorkflowIds.subscription("sub-visible")).describe();
        assertThat(description.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        SearchAttributes attributes = description.getTypedSearchAttributes();
        assertThat(attributes.get(PerennialSearchAttributes.CUSTOMER_ID)).isEqualTo("cust-1");
        assertThat(attributes.get(PerennialSearchAttributes.SUBSCRIPTION_STATUS)).isEqualTo("TRIALING");
        assertThat(attributes.get(PerennialSearchAttributes.PLAN_ID)).isEqualTo("plan_digital_monthly");
        assertThat(attributes.get(PerennialSearchAttributes.NEXT_BILLING_AT).toInstant())
                .isEqualTo(Instant.parse("2027-02-14T09:00:00Z"));
        assertThat(TaskQueues.SUBSCRIPTIONS).isEqualTo("subscriptions");
    }
}
