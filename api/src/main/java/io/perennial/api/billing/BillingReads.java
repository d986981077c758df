package io.perennial.api.billing;

import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.billing.CreditNoteLineRecord;
import io.perennial.billing.CreditNoteRecord;
import io.perennial.billing.CreditNoteRepository;
import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.SentInvoiceRecord;
import io.perennial.billing.SentInvoiceRepository;
import io.perennial.billing.InvoiceWithLines;
import io.perennial.providerevent.PaymentDispute;
import io.perennial.providerevent.PaymentDisputeRepository;
import io.perennial.payment.PaymentRepository;
import io.perennial.payment.Refund;
import io.perennial.payment.RefundRepository;
import io.perennial.subscription.SubscriptionRecordRepository;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads invoices and payments from PostgreSQL for their owner (or staff). */
@Singleton
public class BillingReads {

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final SubscriptionRecordRepository subscriptions;
    private final PaymentDisputeRepository disputes;
    private final SentInvoiceRepository sentInvoices;
    private final CreditNoteRepository creditNotes;
    private final RefundRepository refunds;

    public BillingReads(InvoiceRepository invoices, PaymentRepository payments,
                        SubscriptionRecordRepository subscriptions, PaymentDisputeRepository disputes,
                        SentInvoiceRepository sentInvoices, CreditNoteRepository creditNotes,
                        RefundRepository refunds) {
        this.creditNotes = creditNotes;
        this.refunds = refunds;
        this.sentInvoices = sentInvoices;
        this.invoices = invoices;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.disputes = disputes;
    }

    /** The invoices as views, each with the dispute of its payment if the cardholder opened one (the latest). */
    private List<InvoiceView> views(List<InvoiceWithLines> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<UUID, PaymentDispute> disputed = new HashMap<>();
        disputes.findByInvoiceIdIn(found.stream().map(invoice -> invoice.invoice().id()).toList())
                .forEach(dispute -> disputed.merge(dispute.invoiceId(), dispute,
                        (a, b) -> a.openedAt().isAfter(b.openedAt()) ? a : b));
        Map<UUID, SentInvoiceRecord> sent = new HashMap<>();
        sentInvoices.findByInvoiceIds(found.stream().map(invoice -> invoice.invoice().id()).toList())
                .forEach(invoice -> sent.put(invoice.invoiceId(), invoice));
        Map<UUID, List<CreditNoteView>> notes = creditNotesOf(found.stream().map(i -> i.invoice().id()).toList());
        return found.stream().map(invoice -> InvoiceView.of(invoice, disputed.get(invoice.invoice().id()),
                sent.get(invoice.invoice().id()), notes.getOrDefault(invoice.invoice().id(), List.of()))).toList();
    }

    /** The credit notes of the invoices, by invoice, in number order, each with its refund if it asked for one. */
    private Map<UUID, List<CreditNoteView>> creditNotesOf(List<UUID> invoiceIds) {
        Map<UUID, List<CreditNoteView>> byInvoice = new HashMap<>();
        List<CreditNoteRecord> found = creditNotes.findByInvoices(invoiceIds);
        if (found.isEmpty()) {
            return byInvoice;
        }
        List<CreditNoteLineRecord> lines = creditNotes.findLinesOfInvoices(invoiceIds);
        for (CreditNoteRecord note : found) {
            Refund refund = note.refundKey() == null ? null : refunds.findByRefundKey(note.refundKey()).orElse(null);
            byInvoice.computeIfAbsent(note.invoiceId(), id -> new ArrayList<>())
                    .add(CreditNoteView.of(note, lines, refund));
        }
        return byInvoice;
    }

    public List<InvoiceView> invoicesOfSubscription(CurrentUser caller, UUID subscriptionId) {
        requireSubscription(caller, subscriptionId);
        return views(invoices.findWithLinesBySubscription(subscriptionId));
    }

    public List<PaymentView> paymentsOfSubscription(CurrentUser caller, UUID subscriptionId) {
        requireSubscription(caller, subscriptionId);
        return payments.findBySubscriptionIdOrderByCreatedAt(subscriptionId).stream().map(PaymentView::of).toList();
    }

    public InvoicePage invoicesOfCustomer(CurrentUser caller, int limit, UUID after) {
        UUID customerId = caller.requireCustomer();
        List<InvoiceRecord> page;
        if (after == null) {
            page = invoices.findLatestOfCustomer(customerId, limit + 1);
        } else {
            InvoiceRecord cursor = invoices.findById(after).filter(invoice -> invoice.customerId().equals(customerId))
                    .orElseThrow(() -> ApiProblems.notFound("Invoice", after));
            page = invoices.findOfCustomerBefore(customerId, cursor.issuedAt(), cursor.id(), limit + 1);
        }
        boolean more = page.size() > limit;
        List<InvoiceRecord> items = more ? page.subList(0, limit) : page;
        return new InvoicePage(views(invoices.withLines(items)),
                more ? items.get(items.size() - 1).id().toString() : null);
    }

    public InvoiceView invoice(CurrentUser caller, UUID invoiceId) {
        return invoices.findWithLines(invoiceId)
                .filter(invoice -> caller.mayRead(invoice.invoice().customerId()))
                .map(invoice -> views(List.of(invoice)).get(0))
                .orElseThrow(() -> ApiProblems.notFound("Invoice", invoiceId));
    }

    private void requireSubscription(CurrentUser caller, UUID subscriptionId) {
        subscriptions.findById(subscriptionId).filter(row -> caller.mayRead(row.customerId()))
                .orElseThrow(() -> ApiProblems.notFound("Subscription", subscriptionId));
    }
}
