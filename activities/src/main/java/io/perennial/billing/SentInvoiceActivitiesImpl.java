package io.perennial.billing;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.UUID;

/** Sent invoices in PostgreSQL ({@link SentInvoiceActivities}); the bank account comes from configuration. */
@Singleton
public class SentInvoiceActivitiesImpl implements SentInvoiceActivities {

    /** References tried before giving up; one in 2^35 collides, so a second is a bug. */
    private static final int REFERENCE_ATTEMPTS = 5;

    private final SentInvoiceRepository sentInvoices;
    private final InvoiceRepository invoices;
    private final InvoiceIssuer issuer;
    private final EventLog events;
    private final String bankAccount;
    /** Looked up when first used: opening a redirect session needs the provider and Temporal, sending does not. */
    private final BeanProvider<RedirectPayments> redirectPayments;

    public SentInvoiceActivitiesImpl(SentInvoiceRepository sentInvoices, InvoiceRepository invoices,
                                     InvoiceIssuer issuer, EventLog events,
                                     @Value("${perennial.billing.bank-account:" + SentInvoice.DEMO_BANK_ACCOUNT + "}")
                                     String bankAccount, BeanProvider<RedirectPayments> redirectPayments) {
        this.sentInvoices = sentInvoices;
        this.invoices = invoices;
        this.issuer = issuer;
        this.events = events;
        this.bankAccount = bankAccount;
        this.redirectPayments = redirectPayments;
    }

    @Override
    @Transactional
    public SentInvoice sendInvoice(InvoiceToSend invoice) {
        UUID id = UUID.fromString(invoice.invoiceId());
        InvoiceRecord issued = invoices.findById(id).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("No invoice " + id, InvoiceIssuer.INVOICE_NOT_FOUND));
        for (int attempt = 0; attempt < REFERENCE_ATTEMPTS
                && sentInvoices.findByInvoiceId(id).isEmpty(); attempt++) {
            sentInvoices.insert(id, BankReference.forInvoice(id, attempt).value(), invoice.dueAt(),
                    invoice.businessTime());
        }
        SentInvoiceRecord sent = sentInvoices.findByInvoiceId(id).orElseThrow(() ->
                new IllegalStateException("No free bank reference for invoice " + id));
        return new SentInvoice(invoice.invoiceId(), issued.number(), issued.totalMinor(), issued.currency(),
                sent.dueAt(), sent.bankReference(), null, bankAccount);
    }

    @Override
    @Transactional
    public InvoiceStatus checkSentInvoice(String invoiceId, Instant at) {
        UUID id = UUID.fromString(invoiceId);
        if (sentInvoices.flagOverdue(id, at) == 1) {
            events.record(EventType.INVOICE_OVERDUE, invoiceId, "overdue", at,
                    EventObjects.invoice(invoices.findWithLines(id).orElseThrow()));
        }
        return invoices.findById(id).orElseThrow().status();
    }

    @Override
    public InvoiceStatus closeOverdueInvoice(String invoiceId) {
        return issuer.close(UUID.fromString(invoiceId), InvoiceStatus.UNCOLLECTIBLE).status();
    }

    @Override
    public InvoiceStatus voidSentInvoice(String invoiceId) {
        return issuer.close(UUID.fromString(invoiceId), InvoiceStatus.VOID).status();
    }

    @Override
    public RedirectPaymentSession openRedirectPayment(RedirectPaymentRequest request) {
        return redirectPayments.get().open(request);
    }
}
