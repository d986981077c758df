package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plan whose dunning outcome is {@link DunningOutcome#SUSPEND}: when dunning is used up the subscription is
 * suspended, not canceled. Its invoice stays open, nothing more is billed, and paying the invoice (a new card, a
 * transfer) makes it active again; paid after its period ended, billing starts again from then.
 */
class SubscriptionSuspendTest extends SubscriptionWorkflowTestSupport {

    private static final PlanTerms SUSPENDING = MONTHLY.withDunningOutcome(DunningOutcome.SUSPEND);
    /** The first charge on 31 January, then retries 1, 3, 5 and 7 days on: the last on 7 February. */
    private static final Instant EXHAUSTED = Instant.parse("2027-02-07T09:00:00Z");
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    private final FakeSentInvoices sentInvoices = new FakeSentInvoices(billing);

    @Test
    void whenDunningIsUsedUpTheSubscriptionIsSuspendedWithItsInvoiceOpenAndANewCardMakesItActiveAgain(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-suspended", SUSPENDING, "pm_card_declined", 0);
        env.sleep(Duration.between(JAN_31_2027, EXHAUSTED).plus(A_MINUTE));

        SubscriptionState suspended = workflow.state();
        assertThat(suspended.status()).isEqualTo(SubscriptionStatus.SUSPENDED);
        assertThat(suspended.cancelReason()).isNull();
        assertThat(suspended.canceledAt()).isNull();
        assertThat(suspended.failedPaymentCount()).isEqualTo(5);
        assertThat(suspended.paymentIssue()).isEqualTo("declined");
        assertThat(suspended.accessUntil()).isEqualTo(JAN_31_2027);
        assertThat(suspended.nextBillingAt()).isNull();
        assertThat(suspended.nextRetryAt()).isNull();
        assertThat(billing.invoice("sub-suspended:1:renewal").status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(notifications.templates()).containsExactly("payment_failed", "payment_failed", "payment_failed",
                "payment_failed", "payment_failed", "subscription_suspended");
        assertThat(records.last().status()).isEqualTo(SubscriptionStatus.SUSPENDED);

        // Nothing is tried or billed while suspended, past the period's end too.
        env.sleep(Duration.ofDays(10));
        assertThat(payments.attempts()).hasSize(5);
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.SUSPENDED);

        workflow.updatePaymentMethod(new PaymentMethodUpdate("pm_card_visa"));
        env.sleep(A_MINUTE);

        SubscriptionState active = workflow.state();
        assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(active.failedPaymentCount()).isZero();
        assertThat(active.paymentIssue()).isNull();
        assertThat(billing.invoice("sub-suspended:1:renewal").status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-suspended:1:dunning-5");
        // Paid within its period (to 28 February): served to its end, and the calendar is kept.
        assertThat(active.accessUntil()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(active.nextBillingAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(notifications.templates()).endsWith("subscription_suspended", "payment_recovered");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-suspended"),
                "subscription-dunning-suspended-new-card");
    }

    @Test
    void paidAfterItsPeriodEndedASuspendedSubscriptionStartsANewPeriodThenInsteadOfBillingTheMissedOnes(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-suspended-late", SUSPENDING,
                "pm_card_declined", 0);
        Instant tenthOfMarch = Instant.parse("2027-03-10T09:00:00Z");
        env.sleep(Duration.between(JAN_31_2027, tenthOfMarch));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.SUSPENDED);

        workflow.updatePaymentMethod(new PaymentMethodUpdate("pm_card_visa"));
        env.sleep(A_MINUTE);

        SubscriptionState active = workflow.state();
        assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        // The debt for period 1 is paid, then period 2 starts now: one charge each, nothing for February to March.
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-suspended-late:1:dunning-5", "sub-suspended-late:2:renewal");
        assertThat(active.currentPeriod().number()).isEqualTo(2);
        assertThat(active.currentPeriod().start()).isEqualTo(tenthOfMarch);
        assertThat(active.accessUntil()).isEqualTo(Instant.parse("2027-04-10T09:00:00Z"));
        assertThat(active.nextBillingAt()).isEqualTo(Instant.parse("2027-04-10T09:00:00Z"));
    }

    @Test
    void cancelingASuspendedSubscriptionVoidsItsOpenInvoiceAndPausingItIsRefused(TestWorkflowEnvironment env,
                                                                                WorkflowClient client,
                                                                                Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-suspended-cancel", SUSPENDING,
                "pm_card_declined", 0);
        env.sleep(Duration.between(JAN_31_2027, EXHAUSTED).plus(A_MINUTE));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.SUSPENDED);

        assertThatThrownBy(() -> workflow.pause(new PauseRequest(PauseTiming.IMMEDIATELY, null)))
                .isInstanceOf(WorkflowUpdateException.class)
                .hasStackTraceContaining("A suspended subscription cannot be paused");

        SubscriptionState canceled = workflow.cancelSubscription(
                new CancelRequest(CancelTiming.IMMEDIATELY, "customer_request"));
        assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(billing.invoice("sub-suspended-cancel:1:renewal").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(payments.paid()).isEmpty();
    }

    @Test
    void aSentInvoiceUnpaidAfterItsLastReminderSuspendsAndATransferMakesItActiveAgain(TestWorkflowEnvironment env,
                                                                                      WorkflowClient client,
                                                                                      Worker worker) {
        worker.registerActivitiesImplementations(sentInvoices);
        SubscriptionWorkflow workflow = start(env, client, worker, new SubscriptionStart("sub-sent-suspended",
                "cust-1", SUSPENDING, "pm_card_visa", null, 0, null, null, null, null, null, null,
                CollectionTerms.sendInvoice(14)));
        Instant due = Instant.parse("2027-02-14T09:00:00Z");
        env.sleep(Duration.between(JAN_31_2027, due.plus(Duration.ofDays(7))).plus(A_MINUTE));

        String invoiceId = billing.invoice("sub-sent-suspended:1:renewal").invoiceId();
        SubscriptionState suspended = workflow.state();
        assertThat(suspended.status()).isEqualTo(SubscriptionStatus.SUSPENDED);
        assertThat(suspended.paymentIssue()).isEqualTo("invoice_overdue");
        assertThat(billing.invoice("sub-sent-suspended:1:renewal").status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(notifications.templates()).containsExactly("invoice_sent", "invoice_overdue",
                "invoice_overdue_reminder", "invoice_overdue_reminder", "invoice_overdue_reminder",
                "subscription_suspended");
        // The reminders said what an unpaid invoice leads to on this plan.
        assertThat(notifications.sent()).filteredOn(sent -> sent.template().equals("invoice_overdue_reminder"))
                .allSatisfy(sent -> assertThat(sent.data()).containsEntry("ifUnpaid", "suspend"));

        env.sleep(Duration.ofDays(2));
        assertThat(sentInvoices.transferArrives(invoiceId)).isTrue();
        workflow.invoicePaid(new InvoicePaymentNotice(invoiceId));
        env.sleep(A_MINUTE);

        SubscriptionState active = workflow.state();
        assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(active.accessUntil()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(payments.attempts()).isEmpty();
        // Active again five days before the period's end: the renewal reminder follows the recovery.
        assertThat(notifications.templates()).endsWith("subscription_suspended", "payment_recovered",
                "renewal_upcoming");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-sent-suspended"),
                "subscription-send-invoice-suspended");
    }
}
