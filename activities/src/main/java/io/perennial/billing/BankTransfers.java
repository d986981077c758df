package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import io.perennial.points.MemberPoints;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Incoming bank transfers, matched to the invoices they pay by reference. An exact match (reference, amount and
 * currency of an OPEN sent invoice) pays the invoice in the same transaction; anything else waits in the ops queue,
 * where ops assign it to an invoice or mark it refunded. The invoice row is locked while it is paid, so a transfer
 * and the workflow closing the overdue invoice never both win; a transfer recorded twice (the bank's transaction id)
 * is one transfer. The owning workflow is told afterwards by the caller: it reads the ledger, so telling it twice
 * or not at all (it looks at the due date anyway) moves no money.
 */
@Singleton
public class BankTransfers {

    private static final Logger log = LoggerFactory.getLogger(BankTransfers.class);

    private final BankTransferRepository transfers;
    private final SentInvoiceRepository sentInvoices;
    private final InvoiceRepository invoices;
    private final EventLog events;
    private final MemberPoints points;

    public BankTransfers(BankTransferRepository transfers, SentInvoiceRepository sentInvoices,
                         InvoiceRepository invoices, EventLog events, MemberPoints points) {
        this.transfers = transfers;
        this.sentInvoices = sentInvoices;
        this.invoices = invoices;
        this.events = events;
        this.points = points;
    }

    /** Records the transfer once per bank transaction id and pays the invoice it exactly matches, if any. */
    @Transactional
    public BankTransferReceipt record(IncomingBankTransfer incoming, String recordedBy, Instant now) {
        UUID id = UUID.randomUUID();
        if (transfers.insert(id, incoming.bankTransactionId(), incoming.amountMinor(), incoming.currency(),
                incoming.reference(), incoming.payerName(), incoming.valueDate(), now, recordedBy) == 0) {
            BankTransferRecord earlier = transfers.findByBankTransactionId(incoming.bankTransactionId())
                    .orElseThrow();
            boolean same = earlier.amountMinor() == incoming.amountMinor()
                    && earlier.currency().equals(incoming.currency()) && earlier.reference().equals(incoming.reference())
                    && earlier.valueDate().equals(incoming.valueDate());
            return new BankTransferReceipt(same ? BankTransferReceipt.Outcome.REPEATED
                    : BankTransferReceipt.Outcome.CONFLICTING, earlier, null);
        }
        Optional<SentInvoiceRecord> sent = BankReference.parse(incoming.reference()).map(BankReference::value)
                .flatMap(sentInvoices::findByBankReference);
        if (sent.isEmpty()) {
            return queued(id, "unknown_reference");
        }
        InvoiceRecord invoice = invoices.lockById(sent.get().invoiceId()).orElseThrow();
        String mismatch = mismatch(invoice, incoming.amountMinor(), incoming.currency());
        if (mismatch != null) {
            return queued(id, mismatch);
        }
        markPaid(invoice.id(), now);
        transfers.matched(id, BankTransferRecord.MATCHED, invoice.id(), null);
        log.info("Bank transfer {} of {} {} paid invoice {}", incoming.bankTransactionId(), incoming.amountMinor(),
                incoming.currency(), invoice.number());
        return new BankTransferReceipt(BankTransferReceipt.Outcome.RECORDED, transfers.findById(id).orElseThrow(),
                invoice.subscriptionId());
    }

    /**
     * Ops make a queued transfer pay an OPEN invoice: one that covers its total in its currency (an overpayment's
     * excess stays with ops to send back; a short one cannot pay it).
     */
    @Transactional
    public BankTransferReceipt assign(UUID transferId, UUID invoiceId, String actor, @Nullable String note,
                                      Instant now) {
        Optional<BankTransferRecord> transfer = transfers.lockById(transferId);
        if (transfer.isEmpty()) {
            return refused(BankTransferReceipt.Outcome.NOT_FOUND, null);
        }
        if (!BankTransferRecord.UNMATCHED.equals(transfer.get().status())) {
            return refused(BankTransferReceipt.Outcome.NOT_IN_QUEUE, transfer.get());
        }
        Optional<InvoiceRecord> invoice = invoices.lockById(invoiceId);
        if (invoice.isEmpty()) {
            return refused(BankTransferReceipt.Outcome.INVOICE_NOT_FOUND, transfer.get());
        }
        if (invoice.get().status() != InvoiceStatus.OPEN) {
            return refused(BankTransferReceipt.Outcome.INVOICE_NOT_OPEN, transfer.get());
        }
        if (!invoice.get().currency().equals(transfer.get().currency())) {
            return refused(BankTransferReceipt.Outcome.CURRENCY_MISMATCH, transfer.get());
        }
        if (transfer.get().amountMinor() < invoice.get().totalMinor()) {
            return refused(BankTransferReceipt.Outcome.AMOUNT_SHORT, transfer.get());
        }
        markPaid(invoiceId, now);
        transfers.resolve(transferId, BankTransferRecord.ASSIGNED, invoiceId, now, actor, note);
        return new BankTransferReceipt(BankTransferReceipt.Outcome.RESOLVED,
                transfers.findById(transferId).orElseThrow(), invoice.get().subscriptionId());
    }

    /** Ops sent a queued transfer back to the payer. */
    @Transactional
    public BankTransferReceipt markRefunded(UUID transferId, String actor, @Nullable String note, Instant now) {
        Optional<BankTransferRecord> transfer = transfers.lockById(transferId);
        if (transfer.isEmpty()) {
            return refused(BankTransferReceipt.Outcome.NOT_FOUND, null);
        }
        if (transfers.resolve(transferId, BankTransferRecord.REFUNDED, null, now, actor, note) == 0) {
            return refused(BankTransferReceipt.Outcome.NOT_IN_QUEUE, transfer.get());
        }
        return new BankTransferReceipt(BankTransferReceipt.Outcome.RESOLVED,
                transfers.findById(transferId).orElseThrow(), null);
    }

    private static String mismatch(InvoiceRecord invoice, long amountMinor, String currency) {
        if (invoice.status() != InvoiceStatus.OPEN) {
            return "invoice_not_open";
        }
        if (!invoice.currency().equals(currency)) {
            return "currency_mismatch";
        }
        if (amountMinor < invoice.totalMinor()) {
            return "underpaid";
        }
        return amountMinor > invoice.totalMinor() ? "overpaid" : null;
    }

    private BankTransferReceipt queued(UUID id, String reason) {
        transfers.matched(id, BankTransferRecord.UNMATCHED, null, reason);
        return new BankTransferReceipt(BankTransferReceipt.Outcome.RECORDED, transfers.findById(id).orElseThrow(),
                null);
    }

    private static BankTransferReceipt refused(BankTransferReceipt.Outcome outcome, BankTransferRecord transfer) {
        return new BankTransferReceipt(outcome, transfer, null);
    }

    /**
     * The invoice paid, its {@code invoice.paid} event and the member points the payment earns, in the caller's
     * transaction (the invoice row is locked), as a charge that pays an invoice does ({@code PaymentSettlement}).
     */
    private void markPaid(UUID invoiceId, Instant now) {
        if (invoices.markPaid(invoiceId, now) == 1) {
            events.record(EventType.INVOICE_PAID, invoiceId.toString(), "paid", now,
                    EventObjects.invoice(invoices.findWithLines(invoiceId).orElseThrow()));
            points.earnForInvoice(invoices.findById(invoiceId).orElseThrow(), now);
        }
    }
}
