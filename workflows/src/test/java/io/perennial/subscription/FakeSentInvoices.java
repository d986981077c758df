package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.InvoiceToSend;
import io.perennial.billing.IssuedInvoice;
import io.perennial.billing.SentInvoice;
import io.perennial.billing.SentInvoiceActivities;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sent invoices over {@link FakeBilling}, with the PostgreSQL rules: a payment and the workflow's close race on the
 * invoice's status, and whichever changes an OPEN invoice first wins. {@link #transferLandsBeforeClose} lets a test
 * put a bank transfer's write exactly between the workflow's last check and its close.
 */
final class FakeSentInvoices implements SentInvoiceActivities {
    private final FakeBilling billing;
    private final Map<String, InvoiceToSend> sent = new LinkedHashMap<>();
    private final Map<String, Instant> overdueSince = new LinkedHashMap<>();
    private volatile String transferLandsBeforeClose;
    /** Called with the invoice before the ledger answers the workflow: a transfer may land right then. */
    private volatile java.util.function.Consumer<String> beforeAnswer = invoiceId -> { };
    /** Every transfer that paid an invoice (an OPEN one), by invoice id, in order. */
    private final java.util.List<String> paidByTransfer = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Every redirect payment that paid an invoice, and every one refunded because it came too late. */
    private final java.util.List<String> paidByRedirect = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<String> refundedRedirects = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeSentInvoices(FakeBilling billing) {
        this.billing = billing;
    }

    @Override
    public synchronized SentInvoice sendInvoice(InvoiceToSend invoice) {
        sent.putIfAbsent(invoice.invoiceId(), invoice);
        IssuedInvoice issued = issued(invoice.invoiceId());
        return new SentInvoice(issued.invoiceId(), issued.number(), issued.totalMinor(), issued.currency(),
                sent.get(invoice.invoiceId()).dueAt(), "PRN-TEST-" + sent.size(),
                "/v1/invoices/" + issued.invoiceId() + "/pay", "Perennial Ltd, IBAN DE00 TEST");
    }

    @Override
    public InvoiceStatus checkSentInvoice(String invoiceId, Instant at) {
        beforeAnswer.accept(invoiceId);
        return check(invoiceId, at);
    }

    private synchronized InvoiceStatus check(String invoiceId, Instant at) {
        IssuedInvoice issued = issued(invoiceId);
        if (issued.status() == InvoiceStatus.OPEN && !at.isBefore(sent.get(invoiceId).dueAt())) {
            overdueSince.putIfAbsent(invoiceId, at);
        }
        return issued.status();
    }

    @Override
    public InvoiceStatus closeOverdueInvoice(String invoiceId) {
        beforeAnswer.accept(invoiceId);
        return close(invoiceId);
    }

    private synchronized InvoiceStatus close(String invoiceId) {
        return close(invoiceId, InvoiceStatus.UNCOLLECTIBLE);
    }

    @Override
    public InvoiceStatus voidSentInvoice(String invoiceId) {
        beforeAnswer.accept(invoiceId);
        return close(invoiceId, InvoiceStatus.VOID);
    }

    private synchronized InvoiceStatus close(String invoiceId, InvoiceStatus closed) {
        if (invoiceId.equals(transferLandsBeforeClose)) {
            billing.markPaid(invoiceId);
        }
        billing.closeUnpaidInvoice(invoiceId, closed);
        return issued(invoiceId).status();
    }

    /** A bank transfer matched to the invoice: paid if still OPEN; false when it came too late. */
    synchronized boolean transferArrives(String invoiceId) {
        boolean open = issued(invoiceId).status() == InvoiceStatus.OPEN;
        billing.markPaid(invoiceId);
        if (open) {
            paidByTransfer.add(invoiceId);
        }
        return open;
    }

    /**
     * The provider confirms a redirect payment of the invoice, as RedirectPaymentLedger applies it: PAID when it was
     * OPEN, DUPLICATE when this payment paid it before, REFUNDED when something else got there first.
     */
    synchronized String redirectConfirmed(String invoiceId) {
        if (paidByRedirect.contains(invoiceId)) {
            return "DUPLICATE";
        }
        if (issued(invoiceId).status() != InvoiceStatus.OPEN) {
            refundedRedirects.add(invoiceId);
            return "REFUNDED";
        }
        billing.markPaid(invoiceId);
        paidByRedirect.add(invoiceId);
        return "PAID";
    }

    java.util.List<String> paidByRedirect() {
        return java.util.List.copyOf(paidByRedirect);
    }

    void beforeAnswer(java.util.function.Consumer<String> hook) {
        this.beforeAnswer = hook;
    }

    java.util.List<String> paidByTransfer() {
        return java.util.List.copyOf(paidByTransfer);
    }

    /** The invoices sent so far whose key starts with {@code prefix}, in the order they were sent. */
    synchronized java.util.List<String> sentOf(String prefix) {
        return sent.keySet().stream().filter(id -> issued(id).invoiceKey().startsWith(prefix)).toList();
    }

    void transferLandsBeforeClose(String invoiceId) {
        this.transferLandsBeforeClose = invoiceId;
    }

    synchronized Instant overdueSince(String invoiceId) {
        return overdueSince.get(invoiceId);
    }

    synchronized Instant dueAt(String invoiceId) {
        return sent.get(invoiceId).dueAt();
    }

    private IssuedInvoice issued(String invoiceId) {
        return billing.invoices().stream().filter(invoice -> invoice.invoiceId().equals(invoiceId)).findFirst()
                .orElseThrow();
    }

    @Override
    public io.perennial.billing.RedirectPaymentSession openRedirectPayment(
            io.perennial.billing.RedirectPaymentRequest request) {
        throw new UnsupportedOperationException("the subscription workflow never opens a redirect payment");
    }
}
