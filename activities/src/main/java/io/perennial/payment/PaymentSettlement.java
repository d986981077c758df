package io.perennial.payment;

import io.micronaut.transaction.annotation.Transactional;
import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.InvoiceStatus;
import io.perennial.points.MemberPoints;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/** Stores the provider's answer to a charge and, when it collected an invoice, marks the invoice paid with it. */
@Singleton
public class PaymentSettlement {

    private static final Logger log = LoggerFactory.getLogger(PaymentSettlement.class);

    private final PaymentRepository payments;
    private final InvoiceRepository invoices;
    private final MemberPoints points;

    public PaymentSettlement(PaymentRepository payments, InvoiceRepository invoices, MemberPoints points) {
        this.payments = payments;
        this.invoices = invoices;
        this.points = points;
    }

    /** Settles a PENDING payment (a settled one is left as it is) and returns the payment as stored. */
    @Transactional
    public Payment settle(Payment pending, GatewayResult result) {
        return settle(pending, result, false);
    }

    /**
     * Settles a PENDING or REQUIRES_ACTION payment; when {@code customerMayAct}, a request to authenticate leaves (or
     * puts) it REQUIRES_ACTION instead of declining it.
     */
    @Transactional
    public Payment settle(Payment pending, GatewayResult result, boolean customerMayAct) {
        boolean waits = customerMayAct && !result.approved()
                && DeclineCodes.AUTHENTICATION_REQUIRED.equals(result.declineCode());
        PaymentStatus status = result.approved() ? PaymentStatus.SUCCEEDED
                : waits ? PaymentStatus.REQUIRES_ACTION : PaymentStatus.DECLINED;
        payments.settle(pending.id(), status.name(), result.declineCode(), result.reference());
        Payment settled = payments.findById(pending.id()).orElseThrow();
        if (settled.status() == PaymentStatus.SUCCEEDED && settled.invoiceId() != null) {
            markInvoicePaid(settled.invoiceId(), settled.businessTime());
        }
        return settled;
    }

    /**
     * Idempotent; the invoice earns its points in the same transaction. A void invoice stays void: money taken for it is given back by
     * {@link ChargesInDoubt#giveBack} (when the cancel voids it, or by the reconciliation sweep).
     */
    @Transactional
    public void markInvoicePaid(UUID invoiceId, Instant paidAt) {
        if (invoices.markPaid(invoiceId, paidAt) == 1) {
            points.earnForInvoice(invoices.findById(invoiceId).orElseThrow(), paidAt);
        } else {
            InvoiceRecord invoice = invoices.findById(invoiceId).orElseThrow();
            if (invoice.status() == InvoiceStatus.VOID) {
                log.warn("Invoice {} was voided while it was being charged; the payment is to be given back",
                        invoice.number());
            }
        }
    }
}
