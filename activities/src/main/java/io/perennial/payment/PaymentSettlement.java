package io.perennial.payment;

import io.micronaut.transaction.annotation.Transactional;
import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.InvoiceStatus;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import io.perennial.points.MemberPoints;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/**
 * Stores the provider's answer to a charge and, when it collected an invoice, marks the invoice paid with it; the
 * payment's and the invoice's events are written in the same transaction.
 */
@Singleton
public class PaymentSettlement {

    private static final Logger log = LoggerFactory.getLogger(PaymentSettlement.class);

    private final PaymentRepository payments;
    private final InvoiceRepository invoices;
    private final EventLog events;
    private final MemberPoints points;

    public PaymentSettlement(PaymentRepository payments, InvoiceRepository invoices, EventLog events,
                             MemberPoints points) {
        this.payments = payments;
        this.invoices = invoices;
        this.events = events;
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
        settledEvents(settled);
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
            events.record(EventType.INVOICE_PAID, invoiceId.toString(), "paid", paidAt,
                    EventObjects.invoice(invoices.findWithLines(invoiceId).orElseThrow()));
            points.earnForInvoice(invoices.findById(invoiceId).orElseThrow(), paidAt);
        } else {
            InvoiceRecord invoice = invoices.findById(invoiceId).orElseThrow();
            if (invoice.status() == InvoiceStatus.VOID) {
                log.warn("Invoice {} was voided while it was being charged; the payment is to be given back",
                        invoice.number());
            }
        }
    }

    /**
     * payment.succeeded or payment.failed once per payment (a payment settles once); a declined charge of an
     * invoice is also invoice.payment_failed, once per attempt (the payment). A charge waiting for the customer has
     * not settled yet and writes nothing.
     */
    private void settledEvents(Payment settled) {
        String id = settled.id().toString();
        if (settled.status() == PaymentStatus.SUCCEEDED) {
            events.record(EventType.PAYMENT_SUCCEEDED, id, "settled", settled.businessTime(),
                    EventObjects.payment(settled));
        } else if (settled.status() == PaymentStatus.DECLINED) {
            events.record(EventType.PAYMENT_FAILED, id, "settled", settled.businessTime(),
                    EventObjects.payment(settled));
            if (settled.invoiceId() != null) {
                events.record(EventType.INVOICE_PAYMENT_FAILED, settled.invoiceId().toString(), "payment:" + id,
                        settled.businessTime(),
                        EventObjects.invoice(invoices.findWithLines(settled.invoiceId()).orElseThrow()));
            }
        }
    }
}
