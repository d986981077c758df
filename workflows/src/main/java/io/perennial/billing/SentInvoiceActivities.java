package io.perennial.billing;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

import java.time.Instant;

/**
 * Invoices the customer pays ({@code SEND_INVOICE}): sending, due dates and overdue. The ledger row of the invoice is
 * the one truth a bank transfer and the workflow's deadline race on: whichever changes an {@code OPEN} invoice first
 * wins, the other sees the outcome.
 */
@ActivityInterface
public interface SentInvoiceActivities {
    /** Gives the invoice its due date and bank reference, once per invoice; a repeat answers the same. */
    @ActivityMethod(name = "SendInvoice")
    SentInvoice sendInvoice(InvoiceToSend invoice);

    /** The invoice's status now; an {@code OPEN} one past its due date is flagged overdue from {@code at}. */
    @ActivityMethod(name = "CheckSentInvoice")
    InvoiceStatus checkSentInvoice(String invoiceId, Instant at);

    /**
     * The dunning outcome of an overdue invoice: {@code UNCOLLECTIBLE} if still {@code OPEN}; returns the status it
     * has afterwards ({@code PAID} when a payment got there first).
     */
    @ActivityMethod(name = "CloseOverdueInvoice")
    InvoiceStatus closeOverdueInvoice(String invoiceId);

    /**
     * A cancel's end of an invoice the customer has not paid: {@code VOID} if still {@code OPEN}; returns the status
     * it has afterwards ({@code PAID} when a transfer got there first).
     */
    @ActivityMethod(name = "VoidSentInvoice")
    InvoiceStatus voidSentInvoice(String invoiceId);

    /**
     * Opens (or finds again, by its key) the provider's session of a redirect payment of an {@code OPEN} sent invoice;
     * a session that failed or expired is followed by a new one. Fails {@link RedirectMethods#INVOICE_NOT_PAYABLE}
     * (not retryable) for an invoice that is not a sent, open invoice.
     */
    @ActivityMethod(name = "OpenRedirectPayment")
    RedirectPaymentSession openRedirectPayment(RedirectPaymentRequest request);
}
