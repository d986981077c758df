package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.PaymentFailures;
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
 * A period's invoice is issued and charged in one activity (change id {@code issue-and-charge}): one workflow task and
 * one activity fewer per renewal, with the same outcomes as issuing and then charging. The first period runs
 * 31 Jan to 28 Feb 2027.
 */
class SubscriptionIssueAndChargeTest extends SubscriptionWorkflowTestSupport {

    @Test
    void eachPeriodIsIssuedAndChargedByOneActivityOnceUnderItsOwnKeys(TestWorkflowEnvironment env,
                                                                     WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-one-activity", MONTHLY);
        env.sleep(Duration.ofDays(28).plusMinutes(5));

        SubscriptionState renewed = workflow.state();
        assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(renewed.currentPeriod().number()).isEqualTo(2);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-one-activity:1:renewal", "sub-one-activity:2:renewal");
        assertThat(billing.invoices()).extracting(IssuedInvoice::invoiceKey)
                .containsExactly("sub-one-activity:1:renewal", "sub-one-activity:2:renewal");
        assertThat(billing.invoices()).extracting(IssuedInvoice::status).containsOnly(InvoiceStatus.PAID);
        List<String> activities = activityTypes(client, "sub-one-activity");
        assertThat(activities).filteredOn("IssueAndChargeInvoice"::equals).hasSize(2);
        assertThat(activities).doesNotContain("IssueInvoice", "ChargeInvoice");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-one-activity"),
                "subscription-issue-and-charge-renewal");
    }

    /** The decline is an answer of the activity: dunning keeps the invoice it declined and retries that one. */
    @Test
    void aDeclinedRenewalEntersDunningWithTheInvoiceTheActivityIssued(TestWorkflowEnvironment env,
                                                                      WorkflowClient client, Worker worker) {
        payments.decline(2, "renewal");
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-one-decline", MONTHLY);
        env.sleep(Duration.ofDays(28).plusMinutes(5));

        SubscriptionState pastDue = workflow.state();
        assertThat(pastDue.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(pastDue.failedPaymentCount()).isEqualTo(1);
        assertThat(notifications.templates()).contains("payment_failed");

        env.sleep(Duration.ofDays(1));
        SubscriptionState recovered = workflow.state();
        assertThat(recovered.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        IssuedInvoice period2 = billing.invoices().get(1);
        assertThat(payments.paid()).filteredOn(charge -> charge.period() == 2)
                .extracting(InvoiceCharge::idempotencyKey, InvoiceCharge::invoiceId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sub-one-decline:2:dunning-1",
                        period2.invoiceId()));
        assertThat(billing.invoices()).hasSize(2);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-one-decline"),
                "subscription-issue-and-charge-decline");
    }

    /** A provider down past the retry window: the invoice is read back by its key, not issued twice, and held. */
    @Test
    void aRenewalHeldByAnOutageReadsItsInvoiceBackAndIssuesNoSecond(TestWorkflowEnvironment env,
                                                                   WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-one-hold", MONTHLY);
        env.sleep(Duration.ofDays(27));
        payments.providerDown(true);
        env.sleep(Duration.ofDays(1).plusMinutes(45));

        SubscriptionState held = workflow.state();
        assertThat(held.paymentIssue()).isEqualTo(PaymentFailures.GATEWAY_UNAVAILABLE);
        assertThat(billing.invoices()).extracting(IssuedInvoice::invoiceKey)
                .containsExactly("sub-one-hold:1:renewal", "sub-one-hold:2:renewal");
        assertThat(activityTypes(client, "sub-one-hold")).containsSubsequence("IssueAndChargeInvoice",
                "IssueAndChargeInvoice", "IssueInvoice");

        payments.providerDown(false);
        workflow.retryPayment(new PaymentRetryRequest("ops-1", "provider back"));
        env.sleep(Duration.ofSeconds(5));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-one-hold:1:renewal", "sub-one-hold:2:renewal");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-one-hold"), "subscription-issue-and-charge-hold");
    }

    private static List<String> activityTypes(WorkflowClient client, String subscriptionId) {
        return client.fetchHistory(WorkflowIds.subscription(subscriptionId)).getEvents().stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
                .map(scheduled -> scheduled.getActivityType().getName())
                .toList();
    }
}
