package io.perennial.subscription;

import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model is written from the workflow task that changed the state, as a local activity (change id
 * {@code publish-locally}): no {@code RecordSubscription} activity task of its own, one workflow task fewer each
 * time. A retry asked for while a charge is in flight is kept for that charge. The first period runs 31 Jan to
 * 28 Feb 2027.
 */
class SubscriptionPublishLocallyTest extends SubscriptionWorkflowTestSupport {

    @Test
    void eachRenewalIsPublishedFromItsOwnWorkflowTaskWithoutAnActivityTask(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-local", MONTHLY);
        env.sleep(Duration.ofDays(28).plusMinutes(5));

        SubscriptionState renewed = workflow.state();
        assertThat(renewed.currentPeriod().number()).isEqualTo(2);
        // The read model saw every state the workflow published, the renewed one last.
        assertThat(records.last().currentPeriod().number()).isEqualTo(2);
        assertThat(records.last().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        // Dated on the workflow's clock (the test server's, in 2027), not the worker's wall clock.
        assertThat(records.times().get(0)).isBetween(JAN_31_2027, JAN_31_2027.plusSeconds(60));
        assertThat(records.times().get(records.times().size() - 1))
                .isBetween(JAN_31_2027.plus(Duration.ofDays(28)), JAN_31_2027.plus(Duration.ofDays(28)).plusSeconds(60));
        List<HistoryEvent> events = client.fetchHistory(WorkflowIds.subscription("sub-local")).getEvents();
        assertThat(activityTypes(events)).containsExactly("IssueAndChargeInvoice", "NotifyCustomer",
                "IssueAndChargeInvoice");
        assertThat(events).filteredOn(event -> event.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
                .extracting(event -> event.getMarkerRecordedEventAttributes().getMarkerName())
                .contains("LocalActivity");
        // Per renewal: the timer's task and the charge's task, against three before the change.
        long tasks = events.stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).count();
        assertThat(tasks).isLessThanOrEqualTo(6);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-local"), "subscription-publish-locally-renewal");
    }

    /**
     * Ops ask for a retry while the renewal charge is in flight, and the charge is declined: the retry is made at
     * once instead of at the schedule's first slot a day later (the read model can show the decline before the task
     * that saw it completes, so ops can ask before the workflow has applied it).
     */
    @Test
    void aRetryAskedWhileTheRenewalChargeIsInFlightIsMadeAsSoonAsItIsDeclined(TestWorkflowEnvironment env,
                                                                             WorkflowClient client, Worker worker) {
        payments.decline(2, "renewal");
        payments.whileCharging(charge -> charge.period() == 2 && charge.purpose().equals("renewal"),
                () -> client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowIds.subscription("sub-local-retry"))
                        .retryPayment(new PaymentRetryRequest("ops-1", "card topped up")));
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-local-retry", MONTHLY);
        env.sleep(Duration.ofDays(28).plusMinutes(5));

        SubscriptionState recovered = workflow.state();
        assertThat(recovered.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).filteredOn(charge -> charge.period() == 2)
                .extracting(InvoiceCharge::idempotencyKey).containsExactly("sub-local-retry:2:dunning-1");
        assertThat(notifications.templates()).contains("payment_failed");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-local-retry"),
                "subscription-publish-locally-retry-kept");
    }

    /** A write refused by the database is tried again: the workflow does not fail, the row is written. */
    @Test
    void aRefusedWriteIsTriedAgainUntilTheReadModelHasIt(TestWorkflowEnvironment env, WorkflowClient client,
                                                        Worker worker) {
        records.failNext(2);
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-local-refused", MONTHLY);
        env.sleep(Duration.ofMinutes(5));

        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(records.last().subscriptionId()).isEqualTo("sub-local-refused");
        assertThat(records.last().revision()).isEqualTo(workflow.state().revision());
        assertThat(client.newUntypedWorkflowStub(WorkflowIds.subscription("sub-local-refused")).describe().getStatus())
                .isEqualTo(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }

    private static List<String> activityTypes(List<HistoryEvent> events) {
        return events.stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .map(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .toList();
    }
}
