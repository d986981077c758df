package io.perennial.api.billing;

import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.InvoiceRepository;
import io.perennial.payment.PaymentRepository;
import io.perennial.subscription.SubscriptionRecordRepository;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/** Reads invoices and payments from PostgreSQL for their owner (or staff). */
@Singleton
public class BillingReads {

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final SubscriptionRecordRepository subscriptions;

    public BillingReads(InvoiceRepository invoices, PaymentRepository payments,
                        SubscriptionRecordRepository subscriptions) {
        this.invoices = invoices;
        this.payments = payments;
        this.subscriptions = subscriptions;
    }

    public List<InvoiceView> invoicesOfSubscription(CurrentUser caller, UUID subscriptionId) {
        requireSubscription(caller, subscriptionId);
        return invoices.findWithLinesBySubscription(subscriptionId).stream().map(InvoiceView::of).toList();
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
        return new InvoicePage(invoices.withLines(items).stream().map(InvoiceView::of).toList(),
                more ? items.get(items.size() - 1).id().toString() : null);
    }

    public InvoiceView invoice(CurrentUser caller, UUID invoiceId) {
        return invoices.findWithLines(invoiceId)
                .filter(invoice -> caller.mayRead(invoice.invoice().customerId()))
                .map(InvoiceView::of)
                .orElseThrow(() -> ApiProblems.notFound("Invoice", invoiceId));
    }

    private void requireSubscription(CurrentUser caller, UUID subscriptionId) {
        subscriptions.findById(subscriptionId).filter(row -> caller.mayRead(row.customerId()))
                .orElseThrow(() -> ApiProblems.notFound("Subscription", subscriptionId));
    }
}
