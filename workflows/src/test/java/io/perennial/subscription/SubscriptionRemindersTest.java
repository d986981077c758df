package io.perennial.subscription;

import io.perennial.notification.CustomerNotification;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Trial-ending and upcoming-renewal reminders go out a set number of days ahead, and move with the subscription. */
class SubscriptionRemindersTest extends SubscriptionWorkflowTestSupport {

    @Test
    void theTrialEndingReminderGoesThreeDaysAheadAndTheRenewalReminderSevenDaysAhead(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        start(env, client, worker, "sub-remind", MONTHLY_WITH_TRIAL);

        env.sleep(Duration.ofDays(10).plusHours(1));
        assertThat(notifications.sent()).isEmpty();
        env.sleep(Duration.ofDays(1));
        // Trial ends 14 Feb; three days ahead is 11 Feb.
        assertThat(notifications.sent()).extracting(CustomerNotification::template, CustomerNotification::businessTime)
                .containsExactly(tuple("trial_ending", Instant.parse("2027-02-11T09:00:00Z")));
        assertThat(notifications.sent().get(0).data())
                .containsEntry("amountMinor", "1299").containsEntry("currency", "EUR")
                .containsEntry("trialEnd", "2027-02-14").containsEntry("planName", "Digital monthly");

        env.sleep(Duration.ofDays(30));
        // The first period runs 14 Feb to 14 Mar; seven days ahead of the renewal is 7 Mar.
        assertThat(notifications.sent()).extracting(CustomerNotification::template, CustomerNotification::businessTime)
                .containsExactly(tuple("trial_ending", Instant.parse("2027-02-11T09:00:00Z")),
                        tuple("renewal_upcoming", Instant.parse("2027-03-07T09:00:00Z")));
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-remind"), "subscription-reminders");
    }

    @Test
    void aPausedSubscriptionIsNotRemindedAndAResumedOneIsRemindedBeforeItsNewRenewalDate(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-remind-pause", MONTHLY);
        env.sleep(Duration.ofDays(5));
        workflow.pause(new PauseRequest(PauseTiming.IMMEDIATELY, null));

        env.sleep(Duration.ofDays(40));
        assertThat(notifications.sent()).isEmpty();

        SubscriptionState resumed = workflow.resume();
        // Billing re-anchored on 17 Mar; the reminder moves to a week before 17 Apr.
        assertThat(resumed.currentPeriod().start()).isEqualTo(Instant.parse("2027-03-17T09:00:00Z"));
        // An hour short of the reminder's moment (10 Apr 09:00), not on it: the test server's clock runs on between
        // skips, so landing exactly on it raced the reminder's timer.
        env.sleep(Duration.ofDays(24).minusHours(1));
        assertThat(notifications.templates()).isEmpty();
        env.sleep(Duration.ofDays(1).plusHours(1));
        assertThat(notifications.sent()).extracting(CustomerNotification::template, CustomerNotification::businessTime)
                .containsExactly(tuple("renewal_upcoming", Instant.parse("2027-04-10T09:00:00Z")));
    }

    @Test
    void aPlanChangeAfterTheReminderSendsACorrectedOneWithTheNewPrice(TestWorkflowEnvironment env,
                                                                     WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-remind-change", PREMIUM_MONTHLY);
        env.sleep(Duration.ofDays(22));
        assertThat(notifications.sent()).extracting(notification -> notification.data().get("amountMinor"))
                .containsExactly("2499");

        // A downgrade takes effect at the renewal, so the customer hears the new price before it.
        workflow.changePlan(new PlanChangeRequest(MONTHLY));
        env.sleep(Duration.ofHours(1));
        assertThat(notifications.sent()).extracting(notification -> notification.data().get("amountMinor"))
                .containsExactly("2499", "1299");
    }
}
