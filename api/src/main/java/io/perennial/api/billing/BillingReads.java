package io.perennial.api.billing;

import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.SentInvoiceRecord;
import io.perennial.billing.SentInvoiceRepository;
import io.perennial.billing.InvoiceWithLines;
import io.perennial.providerevent.PaymentDispute;
import io.perennial.providerevent.PaymentDisputeRepository;
import io.perennial.payment.PaymentRepository;
import io.perennial.subscription.SubscriptionRecordRepository;
import jakarta.inject.Singleton;

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

    public BillingReads(InvoiceRepository invoices, PaymentRepository payments,
                        SubscriptionRecordRepository subscriptions, PaymentDisputeRepository disputes,
                        SentInvoiceRepository sentInvoices) {
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
        return found.stream().map(invoice -> InvoiceView.of(invoice, disputed.get(invoice.invoice().id()),
                sent.get(invoice.invoice().id()))).toList();
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
