package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscription created and charged in one call: the start and the {@code firstCharge} update go together
 * (update-with-start), and the answer is the first charge's outcome. The in-process test server takes
 * update-with-start as the real server does.
 */
class SubscriptionChargeNowTest extends SubscriptionWorkflowTestSupport {

    @Test
    void anApprovedFirstChargeAnswersActiveWithThePeriodPaid(TestWorkflowEnvironment env, WorkflowClient client,
                                                            Worker worker) {
        SubscriptionState answer = createAndCharge(env, client, worker, "sub-now");

        assertThat(answer.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(answer.currentPeriod().number()).isEqualTo(1);
        assertThat(answer.accessUntil()).as("paid to the end of its first period")
                .isEqualTo(answer.currentPeriod().end()).isAfter(answer.startedAt().plus(Duration.ofDays(27)));
        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1);
        env.sleep(Duration.ofDays(28).plusHours(1));
        assertThat(payments.paid()).as("renews as usual").extracting(InvoiceCharge::period).containsExactly(1, 2);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-now"), "subscription-charge-now-paid");
    }

    @Test
    void aDeclinedFirstChargeEndsTheSubscriptionWithItsInvoiceVoidedAndNothingRetried(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        payments.decline(1, "renewal");
        SubscriptionState answer = createAndCharge(env, client, worker, "sub-declined");

        assertThat(answer.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(answer.cancelReason()).isEqualTo("incomplete_expired");
        assertThat(answer.accessUntil()).as("no access bought").isEqualTo(answer.startedAt());
        env.sleep(Duration.ofDays(30));
        assertThat(payments.attempts()).as("no dunning retry").hasSize(1);
        assertThat(billing.invoice("sub-declined:1:renewal").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(client.newUntypedWorkflowStub(WorkflowIds.subscription("sub-declined")).describe().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-declined"), "subscription-charge-now-declined");
    }

    @Test
    void theSameCreateSentTwiceAttachesToTheSameWorkflowAndIsChargedOnce(TestWorkflowEnvironment env,
                                                                        WorkflowClient client, Worker worker) {
        SubscriptionState first = createAndCharge(env, client, worker, "sub-twice");
        SubscriptionState again = updateWithStart(client, worker, "sub-twice");

        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(again.currentPeriod()).isEqualTo(first.currentPeriod());
        assertThat(payments.attempts()).as("charged once").hasSize(1);
    }

    @Test
    void aChargeTheCustomerMustAuthenticateAnswersWithTheNextAction(TestWorkflowEnvironment env,
                                                                   WorkflowClient client, Worker worker) {
        SubscriptionState answer = createAndCharge(env, client, worker, "sub-sca", "pm_card_authenticationRequired");

        assertThat(answer.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(answer.nextAction()).isNotNull();
        assertThat(answer.nextAction().type()).isEqualTo(NextAction.AUTHENTICATE_PAYMENT);
    }

    @Test
    void aFirstChargeOnHoldIsAnsweredOnceTheProviderIsBackEvenWhenTheRunIsDueToHandOver(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
        worker.registerActivitiesImplementations(payments, records, billing, notifications, boxes);
        env.start();
        env.sleep(Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), JAN_31_2027));
        payments.providerDown(true);
        // One period per run: the run is due to hand over as soon as its first period begins.
        SubscriptionWorkflow workflow = starter(client, worker, "sub-held");
        WorkflowUpdateHandle<SubscriptionState> answer = WorkflowClient.startUpdateWithStart(workflow::firstCharge,
                UpdateOptions.<SubscriptionState>newBuilder().setUpdateId("first-charge")
                        .setWaitForStage(WorkflowUpdateStage.ACCEPTED).build(),
                new WithStartWorkflowOperation<>(workflow::run, new SubscriptionStart("sub-held", "cust-1", MONTHLY,
                        "pm_card_visa", null, 1, null, null, null, null, null, null, null, true)));
        env.sleep(Duration.ofMinutes(45)); // past the 30-minute gateway retry window: on hold
        SubscriptionWorkflow held = client.newWorkflowStub(SubscriptionWorkflow.class,
                WorkflowIds.subscription("sub-held"));
        assertThat(held.state().paymentIssue()).isEqualTo("gateway_unavailable");
        assertThat(answer.getResultAsync()).as("no answer while the provider is down").isNotDone();

        payments.providerDown(false);
        env.sleep(Duration.ofHours(2));
        SubscriptionState charged = answer.getResultAsync().get(30, TimeUnit.SECONDS);
        assertThat(charged.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1);
        // The first run: the one that waited for its charge before handing over.
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-held"), answer.getExecution().getRunId(),
                "subscription-charge-now-held");
        assertThat(client.newUntypedWorkflowStub(WorkflowIds.subscription("sub-held")).describe().getExecution()
                .getRunId()).as("handed over once the charge was known").isNotEqualTo(answer.getExecution().getRunId());
        env.sleep(Duration.ofDays(28));
        assertThat(payments.paid()).as("handed over, and renews in the next run").extracting(InvoiceCharge::period)
                .containsExactly(1, 2);
        assertThat(held.state().currentPeriod().number()).isEqualTo(2);
    }

    private SubscriptionState createAndCharge(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                                              String subscriptionId) {
        return createAndCharge(env, client, worker, subscriptionId, "pm_card_visa");
    }

    private SubscriptionState createAndCharge(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                                              String subscriptionId, String paymentMethod) {
        worker.registerActivitiesImplementations(payments, records, billing, notifications, boxes);
        env.start();
        env.sleep(Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), JAN_31_2027));
        this.paymentMethod = paymentMethod;
        return updateWithStart(client, worker, subscriptionId);
    }

    private String paymentMethod = "pm_card_visa";

    /** The stub a create starts with: a retried create attaches to the running workflow (USE_EXISTING). */
    private static SubscriptionWorkflow starter(WorkflowClient client, Worker worker, String subscriptionId) {
        return client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.subscription(subscriptionId))
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    }

    /** What the API sends: the start and the update in one call, the update id fixed per subscription. */
    private SubscriptionState updateWithStart(WorkflowClient client, Worker worker, String subscriptionId) {
        SubscriptionWorkflow workflow = starter(client, worker, subscriptionId);
        SubscriptionStart start = new SubscriptionStart(subscriptionId, "cust-1", MONTHLY, paymentMethod, null, 0,
                null, null, null, null, null, null, null, true);
        return WorkflowClient.executeUpdateWithStart(workflow::firstCharge,
                UpdateOptions.<SubscriptionState>newBuilder().setUpdateId("first-charge")
                        .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                new WithStartWorkflowOperation<>(workflow::run, start));
    }
}
