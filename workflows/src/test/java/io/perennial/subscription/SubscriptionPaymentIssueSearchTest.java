package io.perennial.subscription;

import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The payment issue of a past-due subscription as search attributes: what the ops failed-renewal list queries. */
class SubscriptionPaymentIssueSearchTest extends SubscriptionWorkflowTestSupport {

    @Test
    void aDeclinedRenewalShowsItsIssueAndFailureTimeUntilItIsPaid(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 Worker worker) {
        payments.decline(2, "renewal");
        start(env, client, worker, "sub-issue", MONTHLY);

        env.sleep(Duration.ofDays(28).plusHours(1));
        SearchAttributes pastDue = attributes(client, "sub-issue");
        assertThat(pastDue.get(PerennialSearchAttributes.SUBSCRIPTION_STATUS)).isEqualTo("PAST_DUE");
        assertThat(pastDue.get(PerennialSearchAttributes.PAYMENT_ISSUE)).isEqualTo("declined");
        assertThat(pastDue.get(PerennialSearchAttributes.PAYMENT_ISSUE_SINCE).toInstant())
                .isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));

        env.sleep(Duration.ofDays(2));
        SearchAttributes recovered = attributes(client, "sub-issue");
        assertThat(recovered.get(PerennialSearchAttributes.SUBSCRIPTION_STATUS)).isEqualTo("ACTIVE");
        assertThat(recovered.containsKey(PerennialSearchAttributes.PAYMENT_ISSUE)).isFalse();
        assertThat(recovered.containsKey(PerennialSearchAttributes.PAYMENT_ISSUE_SINCE)).isFalse();
        // One marker, asked when the issue first appeared; the recovery's upsert is the one the status needed anyway.
        var history = client.fetchHistory(WorkflowIds.subscription("sub-issue"));
        assertThat(history.getEvents().stream().filter(event -> event.hasMarkerRecordedEventAttributes()
                && event.toString().contains(EngineChanges.PAYMENT_ISSUE_SEARCHABLE)).count()).isEqualTo(1);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-issue"), "subscription-payment-issue-searchable");
    }

    @Test
    void anUneventfulRenewalAsksForNoPaymentIssueMarker(TestWorkflowEnvironment env, WorkflowClient client,
                                                       Worker worker) {
        start(env, client, worker, "sub-uneventful", MONTHLY);

        env.sleep(Duration.ofDays(29));

        var history = client.fetchHistory(WorkflowIds.subscription("sub-uneventful"));
        assertThat(history.getEvents()).noneMatch(event -> event.hasMarkerRecordedEventAttributes()
                && event.toString().contains(EngineChanges.PAYMENT_ISSUE_SEARCHABLE));
        assertThat(attributes(client, "sub-uneventful").containsKey(PerennialSearchAttributes.PAYMENT_ISSUE)).isFalse();
    }

    private static SearchAttributes attributes(WorkflowClient client, String subscriptionId) {
        return client.newUntypedWorkflowStub(WorkflowIds.subscription(subscriptionId)).describe()
                .getTypedSearchAttributes();
    }
}
