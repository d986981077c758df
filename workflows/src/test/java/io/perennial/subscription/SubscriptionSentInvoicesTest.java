package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.notification.CustomerNotification;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invoices the customer pays ({@code SEND_INVOICE}, 14 days until due): the invoice is sent, never charged, and the
 * subscription waits until the due date; a transfer pays it, or it falls overdue, is reminded on the dunning
 * schedule's days and ends the subscription at its last slot. The ledger decides a transfer racing the deadline.
 */
class SubscriptionSentInvoicesTest extends SubscriptionWorkflowTestSupport {

    private static final Duration A_MINUTE = Duration.ofMinutes(1);
    private static final Instant DUE = Instant.parse("2027-02-14T09:00:00Z");

    private final FakeSentInvoices sentInvoices = new FakeSentInvoices(billing);

    private SubscriptionWorkflow startSendingInvoices(TestWorkflowEnvironment env, WorkflowClient client,
                                                      Worker worker, String subscriptionId) {
        worker.registerActivitiesImplementations(sentInvoices);
        return start(env, client, worker, new SubscriptionStart(subscriptionId, "cust-1", MONTHLY, "pm_card_visa",
                null, 0, null, null, null, null, null, null, CollectionTerms.sendInvoice(14)));
    }

    @Test
    void anInvoicePaidByABankTransferBeforeItsDueDateServesThePeriodWithoutACharge(TestWorkflowEnvironment env,
                                                                                   WorkflowClient client,
                                                                                   Worker worker) {
        SubscriptionWorkflow workflow = startSendingInvoices(env, client, worker, "sub-invoice-paid");
        env.sleep(A_MINUTE);

        SubscriptionState sent = workflow.state();
        assertThat(sent.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(sent.accessUntil()).isEqualTo(JAN_31_2027);
        // The next billing is still the period's end; the due date is the invoice's.
        assertThat(sent.nextBillingAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        String invoiceId = billing.invoice("sub-invoice-paid:1:renewal").invoiceId();
        assertThat(sentInvoices.dueAt(invoiceId)).isEqualTo(DUE);
        CustomerNotification email = notifications.sent().get(0);
        assertThat(email.template()).isEqualTo("invoice_sent");
        assertThat(email.data()).containsEntry("bankReference", "PRN-TEST-1").containsEntry("amountMinor", "1299")
                .containsEntry("dueAt", DUE.toString()).containsKey("bankAccount");

        env.sleep(Duration.ofDays(3));
        assertThat(sentInvoices.transferArrives(invoiceId)).isTrue();
        workflow.invoicePaid(new InvoicePaymentNotice(invoiceId));
        env.sleep(A_MINUTE);

        SubscriptionState paid = workflow.state();
        assertThat(paid.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(paid.accessUntil()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(paid.nextBillingAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(payments.attempts()).isEmpty();

        // The next period is sent too, due 14 days later; still nothing charged.
        env.sleep(Duration.ofDays(25));
        assertThat(sentInvoices.dueAt(billing.invoice("sub-invoice-paid:2:renewal").invoiceId()))
                .isEqualTo(Instant.parse("2027-03-14T09:00:00Z"));
        assertThat(notifications.templates()).containsExactly("invoice_sent", "renewal_upcoming", "invoice_sent");
        assertThat(payments.attempts()).isEmpty();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-invoice-paid"),
                "subscription-send-invoice-paid-by-transfer");
    }

    @Test
    void anUnpaidInvoiceFallsOverdueIsRemindedAndEndsTheSubscriptionAtTheLastDunningSlot(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = startSendingInvoices(env, client, worker, "sub-invoice-overdue");
        env.sleep(Duration.ofDays(14).plus(A_MINUTE));

        String invoiceId = billing.invoice("sub-invoice-overdue:1:renewal").invoiceId();
        SubscriptionState overdue = workflow.state();
        assertThat(overdue.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(overdue.paymentIssue()).isEqualTo("invoice_overdue");
        assertThat(overdue.paymentIssueSince()).isEqualTo(DUE);
        assertThat(overdue.nextRetryAt()).isEqualTo(DUE.plus(Duration.ofDays(1)));
        assertThat(sentInvoices.overdueSince(invoiceId)).isEqualTo(DUE);
        assertThat(notifications.templates()).containsExactly("invoice_sent", "invoice_overdue");

        env.sleep(Duration.ofDays(5));
        assertThat(notifications.templates()).containsExactly("invoice_sent", "invoice_overdue",
                "invoice_overdue_reminder", "invoice_overdue_reminder", "invoice_overdue_reminder");
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.PAST_DUE);

        env.sleep(Duration.ofDays(2));
        SubscriptionState canceled = workflow.state();
        assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(canceled.cancelReason()).isEqualTo("payment_failed");
        assertThat(canceled.canceledAt()).isEqualTo(DUE.plus(Duration.ofDays(7)));
        assertThat(canceled.nextRetryAt()).isNull();
        assertThat(billing.invoice("sub-invoice-overdue:1:renewal").status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
        assertThat(notifications.templates()).endsWith("subscription_canceled");
        assertThat(payments.attempts()).isEmpty();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-invoice-overdue"),
                "subscription-send-invoice-overdue");
    }

    @Test
    void aTransferLandingJustBeforeTheLastSlotClosesTheInvoicePaysItAndTheSubscriptionGoesOn(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = startSendingInvoices(env, client, worker, "sub-invoice-race");
        env.sleep(A_MINUTE);
        String invoiceId = billing.invoice("sub-invoice-race:1:renewal").invoiceId();
        // The bank's transfer commits between the workflow's last look at the ledger and its close.
        sentInvoices.transferLandsBeforeClose(invoiceId);
        env.sleep(Duration.ofDays(21));

        SubscriptionState active = workflow.state();
        assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(active.accessUntil()).isEqualTo(active.currentPeriod().end())
                .isBetween(Instant.parse("2027-02-28T09:00:00Z"), Instant.parse("2027-02-28T09:00:02Z"));
        assertThat(billing.invoice("sub-invoice-race:1:renewal").status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(notifications.templates()).contains("payment_recovered").doesNotContain("subscription_canceled");
        // Period 2's invoice (sent 28 Feb, due 14 Mar) is overdue; a transfer after that still recovers it.
        env.sleep(Duration.ofDays(21));
        String secondId = billing.invoice("sub-invoice-race:2:renewal").invoiceId();
        assertThat(workflow.state().paymentIssue()).isEqualTo("invoice_overdue");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-invoice-race"),
                "subscription-send-invoice-transfer-races-deadline");
        assertThat(sentInvoices.transferArrives(secondId)).isTrue();
        workflow.invoicePaid(new InvoicePaymentNotice(secondId));
        env.sleep(A_MINUTE);
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(workflow.state().accessUntil())
                .isBetween(Instant.parse("2027-03-31T09:00:00Z"), Instant.parse("2027-03-31T09:00:02Z"));
    }

    @Test
    void aTransferLandingJustBeforeACancelServesThePeriodItPaidForInsteadOfBeingVoidedAway(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        worker.registerActivitiesImplementations(sentInvoices);
        SubscriptionWorkflow workflow = start(env, client, worker, new SubscriptionStart("sub-invoice-cancel",
                "cust-1", SubscriptionNextBoxTest.COFFEE_MONTHLY, "pm_card_visa", null, 0, null, null, null, null,
                null, null, CollectionTerms.sendInvoice(14)));
        env.sleep(Duration.ofDays(3));
        String invoiceId = billing.invoice("sub-invoice-cancel:1:renewal").invoiceId();
        // The bank's transfer commits between the customer's cancel and the workflow's void; its notice comes later.
        sentInvoices.transferLandsBeforeClose(invoiceId);
        workflow.cancelSubscription(new CancelRequest(CancelTiming.IMMEDIATELY, "moving"));

        SubscriptionState canceled = workflow.state();
        assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(billing.invoice("sub-invoice-cancel:1:renewal").status()).as("paid, not voided")
                .isEqualTo(InvoiceStatus.PAID);
        assertThat(boxes.due()).as("the paid period's box is due, as for a card payment")
                .extracting(io.perennial.fulfilment.BoxDue::period).containsExactly(1);
        assertThat(payments.attempts()).isEmpty();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-invoice-cancel"),
                "subscription-send-invoice-cancel-sees-transfer");
    }

    @Test
    void aTransferWhoseNoticeWasLostIsFoundInTheLedgerWhenTheDueDateComes(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = startSendingInvoices(env, client, worker, "sub-invoice-silent");
        env.sleep(Duration.ofDays(2));
        sentInvoices.transferArrives(billing.invoice("sub-invoice-silent:1:renewal").invoiceId());
        workflow.invoicePaid(new InvoicePaymentNotice("someone-elses-invoice"));
        env.sleep(Duration.ofDays(12).plus(A_MINUTE));

        SubscriptionState paid = workflow.state();
        assertThat(paid.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(paid.paymentIssue()).isNull();
        assertThat(paid.accessUntil()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(notifications.templates()).containsExactly("invoice_sent");
    }
}
