package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Declined renewals: past due, scheduled retries, retry now, a new card, and giving up. */
class SubscriptionDunningTest extends SubscriptionWorkflowTestSupport {

    @Test
    void aDeclinedRenewalGoesPastDueAndRecoversOnTheThirdRetry(TestWorkflowEnvironment env, WorkflowClient client,
                                                              Worker worker) {
        payments.decline(2, "renewal").decline(2, "dunning-1").decline(2, "dunning-2");
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-dunning", MONTHLY);

        env.sleep(Duration.ofDays(29));
        SubscriptionState pastDue = workflow.state();
        assertThat(pastDue.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(pastDue.failedPaymentCount()).isEqualTo(1);
        assertThat(pastDue.nextRetryAt()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
        assertThat(pastDue.nextBillingAt()).isEqualTo(pastDue.nextRetryAt());
        // Access ends with the period already paid.
        assertThat(pastDue.accessUntil()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(records.last().status()).isEqualTo(SubscriptionStatus.PAST_DUE);

        env.sleep(Duration.ofDays(6));
        SubscriptionState recovered = workflow.state();
        assertThat(recovered.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(recovered.failedPaymentCount()).isZero();
        assertThat(payments.attempts()).extracting(InvoiceCharge::purpose)
                .containsExactly("renewal", "renewal", "dunning-1", "dunning-2", "dunning-3");
        // Retries 1, 3 and 5 days after the first decline.
        assertThat(payments.attempts()).extracting(charge -> charge.businessTime().toString())
                .containsExactly("2027-01-31T09:00:00Z", "2027-02-28T09:00:00Z", "2027-03-01T09:00:00Z",
                        "2027-03-03T09:00:00Z", "2027-03-05T09:00:00Z");
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-dunning:1:renewal", "sub-dunning:2:dunning-3");
        // One invoice per period, collected by whichever attempt succeeded.
        assertThat(billing.invoice("sub-dunning:2:renewal").status()).isEqualTo(InvoiceStatus.PAID);
        // A week before the renewal the customer was reminded; then each decline and the recovery were told.
        assertThat(notifications.templates()).containsExactly("renewal_upcoming", "payment_failed", "payment_failed",
                "payment_failed", "payment_recovered");
        // The retried period keeps its place on the calendar.
        assertThat(recovered.nextBillingAt()).isEqualTo(Instant.parse("2027-03-31T09:00:00Z"));
        assertThat(recovered.accessUntil()).isEqualTo(Instant.parse("2027-03-31T09:00:00Z"));
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-dunning"), "subscription-dunning-recovered");
    }

    @Test
    void whenEveryRetryIsDeclinedTheSubscriptionIsCanceledForFailedPayment(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-exhausted", MONTHLY, "pm_card_declined", 0);

        SubscriptionState end = WorkflowStub.fromTyped(workflow).getResult(SubscriptionState.class);

        assertThat(end.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(end.cancelReason()).isEqualTo("payment_failed");
        assertThat(end.failedPaymentCount()).isEqualTo(5);
        assertThat(end.canceledAt()).isEqualTo(Instant.parse("2027-02-07T09:00:00Z"));
        assertThat(end.accessUntil()).isEqualTo(JAN_31_2027);
        assertThat(payments.paid()).isEmpty();
        assertThat(billing.invoice("sub-exhausted:1:renewal").status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
        assertThat(notifications.templates()).containsExactly("payment_failed", "payment_failed", "payment_failed",
                "payment_failed", "payment_failed", "subscription_canceled");
        assertThat(records.last().status()).isEqualTo(SubscriptionStatus.CANCELED);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-exhausted"), "subscription-dunning-exhausted");
    }

    @Test
    void anOpsRetryNowChargesAtOnceInsteadOfWaitingForTheSchedule(TestWorkflowEnvironment env,
                                                                  WorkflowClient client, Worker worker) {
        payments.decline(2, "renewal");
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-retry-now", MONTHLY);
        env.sleep(Duration.ofDays(28).plusHours(2));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.PAST_DUE);

        workflow.retryPayment(new PaymentRetryRequest("ops@perennial.local", "gateway back after outage"));
        env.sleep(Duration.ofMinutes(1));

        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).last().satisfies(charge -> {
            assertThat(charge.idempotencyKey()).isEqualTo("sub-retry-now:2:dunning-1");
            assertThat(charge.businessTime()).isEqualTo(Instant.parse("2027-02-28T11:00:00Z"));
        });
    }

    @Test
    void aNewCardOnAPastDueSubscriptionIsTriedAtOnceAndUsedFromThenOn(TestWorkflowEnvironment env,
                                                                    WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-new-card", MONTHLY, "pm_card_declined", 0);
        env.sleep(Duration.ofHours(3));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.PAST_DUE);

        workflow.updatePaymentMethod(new PaymentMethodUpdate("pm_card_visa"));
        env.sleep(Duration.ofMinutes(1));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);

        env.sleep(Duration.ofDays(28));
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey, InvoiceCharge::paymentMethod)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sub-new-card:1:dunning-1", "pm_card_visa"),
                        org.assertj.core.groups.Tuple.tuple("sub-new-card:2:renewal", "pm_card_visa"));
    }

    /**
     * The only scheduled retry meets a provider outage and is held; the ops retry after the hold is declined and uses
     * the schedule up: the subscription ends for failed payment, it is not left past due with no slot to wait for.
     */
    @Test
    void theLastScheduledRetryHeldByAnOutageThenDeclinedEndsTheSubscription(TestWorkflowEnvironment env,
                                                                           WorkflowClient client, Worker worker) {
        payments.decline(2, "renewal").decline(2, "dunning-1");
        SubscriptionWorkflow workflow = start(env, client, worker, new SubscriptionStart("sub-last-slot", "cust-1",
                MONTHLY, "pm_card_visa", new DunningSchedule(List.of(Duration.ofDays(1))), 0, null, null, null, null));
        env.sleep(Duration.ofDays(28).plusHours(23));
        assertThat(workflow.state().nextRetryAt()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));

        payments.providerDown(true);
        env.sleep(Duration.ofHours(1).plusMinutes(45));
        assertThat(workflow.state().paymentIssue()).isEqualTo("gateway_unavailable");
        payments.providerDown(false);
        workflow.retryPayment(new PaymentRetryRequest("ops-1", "provider back"));

        SubscriptionState end = WorkflowStub.fromTyped(workflow).getResult(SubscriptionState.class);
        assertThat(end.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(end.cancelReason()).isEqualTo("payment_failed");
        assertThat(end.failedPaymentCount()).isEqualTo(2);
        assertThat(billing.invoice("sub-last-slot:2:renewal").status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    }

    @Test
    void aHardDeclineStopsRetriesOfThatCardAndTheSubscriptionWaitsForANewOne(TestWorkflowEnvironment env,
                                                                            WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-stolen", MONTHLY, FakePayments.STOLEN_CARD, 0);
        env.sleep(Duration.ofDays(4));

        SubscriptionState waiting = workflow.state();
        assertThat(waiting.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(waiting.paymentIssue()).isEqualTo("payment_method_unusable");
        // No retry of the stolen card on days 1 and 3: the next moment is the schedule's end, 7 days on.
        assertThat(waiting.nextRetryAt()).isEqualTo(Instant.parse("2027-02-07T09:00:00Z"));
        assertThat(payments.attempts()).extracting(InvoiceCharge::purpose).containsExactly("renewal");
        assertThat(notifications.templates()).containsExactly("payment_method_unusable");

        workflow.updatePaymentMethod(new PaymentMethodUpdate("pm_card_visa"));
        env.sleep(Duration.ofMinutes(1));

        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey, InvoiceCharge::paymentMethod)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sub-stolen:1:dunning-1", "pm_card_visa"));
        assertThat(notifications.templates()).containsExactly("payment_method_unusable", "payment_recovered");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-stolen"), "subscription-hard-decline-new-card");
    }

    @Test
    void aHardDeclineWithNoNewCardEndsTheSubscriptionAtTheScheduleEndWithoutRetrying(TestWorkflowEnvironment env,
                                                                                     WorkflowClient client,
                                                                                     Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-stolen-end", MONTHLY,
                FakePayments.STOLEN_CARD, 0);

        SubscriptionState end = WorkflowStub.fromTyped(workflow).getResult(SubscriptionState.class);

        assertThat(end.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(end.cancelReason()).isEqualTo("payment_failed");
        assertThat(end.canceledAt()).isEqualTo(Instant.parse("2027-02-07T09:00:00Z"));
        assertThat(end.failedPaymentCount()).isEqualTo(1);
        assertThat(payments.attempts()).hasSize(1);
        assertThat(billing.invoice("sub-stolen-end:1:renewal").status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
        assertThat(notifications.templates()).containsExactly("payment_method_unusable", "subscription_canceled");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-stolen-end"), "subscription-hard-decline-exhausted");
    }
}
