package io.perennial.subscription;

import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Renewals, trials, anchoring and continue-as-new. */
class SubscriptionWorkflowTest extends SubscriptionWorkflowTestSupport {

    @Test
    void aTrialEndsInTheFirstChargeAndThirteenMonthlyRenewalsFollow(TestWorkflowEnvironment env, WorkflowClient client,
                                                                   Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-trial", MONTHLY_WITH_TRIAL, "pm_card_visa", 24);

        env.sleep(Duration.ofDays(13));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(workflow.state().accessUntil()).isEqualTo(Instant.parse("2027-02-14T09:00:00Z"));
        assertThat(payments.attempts()).isEmpty();

        env.sleep(Duration.ofDays(1).plusHours(1));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).hasSize(1);

        // Trial ended 14 Feb 2027 09:00; periods are anchored there.
        env.sleep(Duration.ofDays(366));
        List<InvoiceCharge> paid = payments.paid();
        assertThat(paid).extracting(InvoiceCharge::period).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(paid).extracting(InvoiceCharge::idempotencyKey).doesNotHaveDuplicates();
        assertThat(paid.get(0).businessTime()).isEqualTo(Instant.parse("2027-02-14T09:00:00Z"));
        assertThat(paid.get(12).businessTime()).isEqualTo(Instant.parse("2028-02-14T09:00:00Z"));
        assertThat(paid).allSatisfy(charge -> assertThat(charge.amountMinor()).isEqualTo(1299));
        // Every charge collects an invoice issued first, with the plan's line for its period.
        assertThat(billing.invoices()).hasSize(13).allSatisfy(invoice -> {
            assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
            assertThat(invoice.lines()).singleElement().satisfies(line -> {
                assertThat(line.kind()).isEqualTo(InvoiceLineKind.PLAN);
                assertThat(line.amountMinor()).isEqualTo(1299);
            });
        });
        assertThat(billing.invoice("sub-trial:1:renewal").lines().get(0).description())
                .isEqualTo("Digital monthly, period 1 (2027-02-14 to 2027-03-14)");

        SubscriptionState state = workflow.state();
        assertThat(state.currentPeriod().number()).isEqualTo(13);
        assertThat(state.nextBillingAt()).isEqualTo(Instant.parse("2028-03-14T09:00:00Z"));
        assertThat(state.accessUntil()).isEqualTo(Instant.parse("2028-03-14T09:00:00Z"));
        assertThat(records.last().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-trial"), "subscription-trial-then-renewals");
    }

    @Test
    void twoYearsOfMonthlyRenewalsFrom31JanuaryFollowTheAnchorAcrossALeapYearAndRunHandOvers(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-jan31", MONTHLY);

        env.sleep(Duration.ofDays(731).plusHours(1));

        assertThat(payments.paid()).extracting(charge -> charge.businessTime().toString().substring(0, 10))
                .containsExactly("2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30",
                        "2027-07-31", "2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31",
                        "2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30", "2028-05-31", "2028-06-30",
                        "2028-07-31", "2028-08-31", "2028-09-30", "2028-10-31", "2028-11-30", "2028-12-31",
                        "2029-01-31");
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey).doesNotHaveDuplicates()
                .contains("sub-jan31:13:renewal", "sub-jan31:25:renewal");
        // Twelve periods per run: the subscription continued as new twice, and kept counting.
        assertThat(workflow.state().currentPeriod().number()).isEqualTo(25);
        assertThat(workflow.state().revision()).isGreaterThan(records.all().get(0).revision());
        String latestRun = client.newUntypedWorkflowStub(WorkflowIds.subscription("sub-jan31")).describe()
                .getExecution().getRunId();
        assertThat(latestRun).isNotEqualTo(firstRun.getRunId());
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-jan31"), "subscription-two-years-continued");
    }

    @Test
    void aSignalArrivingWhileTheRunHandsOverIsCarriedIntoTheNextRun(TestWorkflowEnvironment env,
                                                                    WorkflowClient client, Worker worker) {
        // The read-model write that closes period 2 (and so the run) sends a new card from another thread.
        records.onRecord(state -> state.currentPeriod() != null && state.currentPeriod().number() == 2
                        && state.status() == SubscriptionStatus.ACTIVE,
                () -> client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowIds.subscription("sub-handover"))
                        .updatePaymentMethod(new PaymentMethodUpdate("pm_card_mastercard")));
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-handover", MONTHLY, "pm_card_visa", 2);

        env.sleep(Duration.ofDays(60));

        assertThat(payments.paid()).extracting(InvoiceCharge::paymentMethod)
                .containsExactly("pm_card_visa", "pm_card_visa", "pm_card_mastercard");
        assertThat(workflow.state().currentPeriod().number()).isEqualTo(3);
        var firstRunHistory = client.fetchHistory(WorkflowIds.subscription("sub-handover"), firstRun.getRunId());
        assertThat(firstRunHistory.getLastEvent().hasWorkflowExecutionContinuedAsNewEventAttributes()).isTrue();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-handover"), firstRun.getRunId(),
                "subscription-continue-as-new-with-signal");
    }

    /**
     * The hand-over is due (the run's last period) while a retry is asked for at the same moment: the retry runs
     * first, then the workflow continues as new. (It used to loop without yielding until Temporal saw a deadlock.)
     */
    @Test
    // A regression spins the workflow task: fail after a minute rather than hang the build.
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aRetryDueWhenTheHandOverIsDueRunsFirstAndTheWorkflowThenContinuesAsNew(TestWorkflowEnvironment env,
                                                                                WorkflowClient client,
                                                                                Worker worker) {
        payments.decline(2, "renewal");
        records.onRecord(state -> state.status() == SubscriptionStatus.PAST_DUE,
                () -> client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowIds.subscription("sub-handover-due"))
                        .retryPayment(new PaymentRetryRequest("ops-1", "retry at the hand-over")));
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-handover-due", MONTHLY, "pm_card_visa", 2);

        env.sleep(Duration.ofDays(29));

        SubscriptionState state = workflow.state();
        assertThat(state.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-handover-due:1:renewal", "sub-handover-due:2:dunning-1");
        var firstRunHistory = client.fetchHistory(WorkflowIds.subscription("sub-handover-due"), firstRun.getRunId());
        assertThat(firstRunHistory.getLastEvent().hasWorkflowExecutionContinuedAsNewEventAttributes()).isTrue();
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
    }

    @Test
    void aYearlyPlanBillsOncePerYearOnItsAnchor(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-yearly", YEARLY);
        env.sleep(Duration.ofDays(400));

        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(12900L, 12900L);
        IssuedInvoice second = billing.invoice("sub-yearly:2:renewal");
        assertThat(second.lines().get(0).description()).endsWith("(2028-01-31 to 2029-01-31)");
        assertThat(WorkflowStub.fromTyped(workflow).describe().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }
}
