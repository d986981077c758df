package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.InvoiceToSend;
import io.perennial.billing.IssuedInvoice;
import io.perennial.billing.SentInvoice;
import io.perennial.billing.SentInvoiceActivities;
import io.perennial.temporal.ActivityStubs;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.perennial.temporal.BusinessTime.now;

/**
 * Invoices the customer pays ({@link CollectionMethod#SEND_INVOICE}, change id {@link EngineChanges#SEND_INVOICE}):
 * the period's invoice is emailed with bank-transfer details, and the subscription waits until the
 * due date instead of charging. Paid (a matched transfer or a redirect method, told by {@link InvoicePaymentNotice},
 * or found paid when the due date comes), the period is served; unpaid, the invoice is overdue: the dunning
 * schedule's slots, counted from the due date, remind the customer, and the last one ends the subscription like
 * exhausted dunning. The ledger decides every race: this class only reads it, or closes an invoice that is still open.
 */
final class SentInvoices {

    private static final Logger log = Workflow.getLogger(SentInvoices.class);

    private final SentInvoiceActivities ledger = ActivityStubs.database(SentInvoiceActivities.class);
    private final BillingActivities billing = ActivityStubs.database(BillingActivities.class);
    private final SubscriptionStart start;
    private final Subscription s;
    private final Entitlements entitlements;
    private final CustomerNotices notices;
    private final Suspension suspension;

    SentInvoices(SubscriptionStart start, Subscription s, Entitlements entitlements, CustomerNotices notices,
                 Suspension suspension) {
        this.suspension = suspension;
        this.start = start;
        this.s = s;
        this.entitlements = entitlements;
        this.notices = notices;
    }

    /** True when the period's open invoice goes to the customer instead of being charged. */
    boolean sends(IssuedInvoice invoice) {
        return s.sendsInvoices() && invoice.status() == InvoiceStatus.OPEN
                && Workflow.getVersion(EngineChanges.SEND_INVOICE, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /** Emails the invoice, payable by its due date (never after the period's end, when the next one is billed). */
    void send(BillingPeriod period, IssuedInvoice invoice) {
        Instant dueAt = now().plus(Duration.ofDays(s.collection.daysUntilDue()));
        if (dueAt.isAfter(period.end())) {
            dueAt = period.end();
        }
        SentInvoice sent = ledger.sendInvoice(new InvoiceToSend(invoice.invoiceId(), dueAt, now()));
        s.arrears.sentInvoice = new AwaitedInvoice(period, invoice.invoiceId(), invoice.totalMinor(), dueAt);
        log.info("Invoice {} of period {} sent, due {} (reference {})", sent.number(), period.number(), dueAt,
                sent.bankReference());
        notices.send(period.number() + ":invoice-sent", "invoice_sent", Map.of(
                "invoiceNumber", sent.number(), "amountMinor", String.valueOf(sent.totalMinor()),
                "currency", sent.currency(), "dueAt", dueAt.toString(), "bankReference", sent.bankReference(), "bankAccount", sent.bankAccount()));
    }

    /** The due date came, or a payment was reported: served when paid, overdue when the due date passed unpaid. */
    void due() {
        AwaitedInvoice sent = s.arrears.sentInvoice;
        s.arrears.paymentNoticed = null;
        InvoiceStatus status = ledger.checkSentInvoice(sent.invoiceId(), now());
        if (status == InvoiceStatus.PAID) {
            s.arrears.sentInvoice = null;
            entitlements.paid(sent.period(), sent.amountDueMinor());
            s.changed();
            return;
        }
        if (now().isBefore(sent.dueAt())) {
            return; // a notice for a payment the ledger does not know: wait for the due date
        }
        log.info("Invoice of period {} is overdue since {}", sent.period().number(), sent.dueAt());
        s.arrears.sentInvoice = null;
        s.status = SubscriptionStatus.PAST_DUE;
        s.arrears.dunning = new Dunning(sent.period(), sent.invoiceId(), sent.amountDueMinor(), sent.dueAt(), 0, 0,
                Dunning.INVOICE_OVERDUE, null, null, sent.dueAt(), 1);
        notices.send(sent.period().number() + ":invoice-overdue", "invoice_overdue", amounts(sent.period().number(),
                sent.amountDueMinor()));
        if (s.nextRetryAt(start.dunning()) == null) {
            end(s.arrears.dunning);
        }
        s.changed();
    }

    /**
     * A slot of the dunning schedule came for the overdue invoice, or a payment was reported: paid, the period is
     * served; at a slot, the customer is reminded, and at the last one the subscription ends.
     */
    void overdue(Dunning overdue) {
        s.arrears.paymentNoticed = null;
        InvoiceStatus status = ledger.checkSentInvoice(overdue.invoiceId(), now());
        if (status == InvoiceStatus.PAID) {
            paidLate(overdue);
            return;
        }
        Instant slot = Subscription.dunningSlotAt(overdue, start.dunning());
        if (slot == null || now().isBefore(slot)) {
            return; // woken by a notice the ledger does not confirm, or by an ops retry: nothing to charge
        }
        int used = overdue.scheduledRetries() + 1;
        Dunning reminded = new Dunning(overdue.period(), overdue.invoiceId(), overdue.amountDueMinor(),
                overdue.firstDeclineAt(), used, overdue.retries(), Dunning.INVOICE_OVERDUE, null, null,
                overdue.firstFailureAt(), overdue.attemptsSoFar());
        s.arrears.dunning = reminded;
        if (Subscription.dunningSlotAt(reminded, start.dunning()) == null) {
            end(reminded);
        } else {
            Map<String, String> data = new java.util.LinkedHashMap<>(amounts(overdue.period().number(),
                    overdue.amountDueMinor()));
            if (s.plan.suspendsOnDunning()) {
                data.put("ifUnpaid", "suspend");
            }
            notices.send(overdue.period().number() + ":invoice-overdue-" + used, "invoice_overdue_reminder", data);
        }
        s.changed();
    }

    /**
     * Cancel while the invoice awaits payment: it is voided, so no transfer can pay it any more; one that paid it
     * first serves the period (as a card payment would) before the cancel ends it.
     */
    void voidSent() {
        AwaitedInvoice sent = s.arrears.sentInvoice;
        s.arrears.sentInvoice = null;
        if (!seesTransfers()) {
            billing.closeUnpaidInvoice(sent.invoiceId(), InvoiceStatus.VOID);
            return;
        }
        voidOrServe(sent.invoiceId(), sent.period(), sent.amountDueMinor());
    }

    /** A cancel of an overdue invoice: voided, unless a transfer paid it first. False when it is not such a one. */
    boolean voidOverdue(Dunning overdue) {
        if (!overdue.invoiceOverdue() || !seesTransfers()) {
            return false;
        }
        s.arrears.dunning = null;
        voidOrServe(overdue.invoiceId(), overdue.period(), overdue.amountDueMinor());
        return true;
    }

    private static boolean seesTransfers() {
        return Workflow.getVersion(EngineChanges.CANCEL_SEES_TRANSFER, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /** The ledger decides: still open, it is voided; paid by a transfer that got there first, the period is served. */
    private void voidOrServe(String invoiceId, BillingPeriod period, long amountDueMinor) {
        if (ledger.voidSentInvoice(invoiceId) == InvoiceStatus.PAID) {
            log.info("Invoice of period {} was paid by a transfer before the cancel; the period is served",
                    period.number());
            entitlements.paid(period, amountDueMinor);
        }
    }

    /**
     * The plan's dunning outcome, unless the invoice was just paid: suspended, the invoice stays open and payable;
     * canceled, it is uncollectible and the subscription ends.
     */
    private void end(Dunning overdue) {
        if (suspension.suspends()) {
            if (ledger.checkSentInvoice(overdue.invoiceId(), now()) == InvoiceStatus.PAID) {
                paidLate(overdue);
            } else {
                suspension.suspend(overdue);
            }
            return;
        }
        if (ledger.closeOverdueInvoice(overdue.invoiceId()) == InvoiceStatus.PAID) {
            paidLate(overdue);
            return;
        }
        log.info("Invoice of period {} unpaid after the last reminder; canceling", overdue.period().number());
        s.pending.cancelReason = "payment_failed";
        s.endCanceled(now());
        notices.send("canceled", "subscription_canceled", Map.of("reason", s.pending.cancelReason));
    }

    private void paidLate(Dunning overdue) {
        s.arrears.dunning = null;
        suspension.overduePaid(overdue.period(), overdue.amountDueMinor());
        notices.send(overdue.period().number() + ":recovered", "payment_recovered",
                amounts(overdue.period().number(), overdue.amountDueMinor()));
        s.changed();
    }

    private Map<String, String> amounts(int period, long amountMinor) {
        return Map.of("period", String.valueOf(period), "amountMinor", String.valueOf(amountMinor),
                "currency", s.plan.currency());
    }
}
