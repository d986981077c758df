package io.perennial.billing;

import io.micronaut.transaction.annotation.Transactional;
import io.perennial.event.BusinessClock;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import io.perennial.tax.TaxQuote;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues invoices once per invoice key and closes unpaid ones. Each method is one transaction: an invoice is
 * stored with all its lines and the credit it consumed, or not at all.
 */
@Singleton
public class InvoiceIssuer {

    /** Closing an invoice that does not exist: a bug in the caller, retrying cannot help. */
    public static final String INVOICE_NOT_FOUND = "InvoiceNotFound";
    /** Closing an invoice as PAID or OPEN: a bug in the caller. */
    public static final String INVALID_CLOSING_STATUS = "InvalidInvoiceClosingStatus";

    private static final Logger log = LoggerFactory.getLogger(InvoiceIssuer.class);

    private final InvoiceRepository invoices;
    private final AccountCreditLedger credit;
    private final PeriodReturns periods;
    private final EventLog events;
    private final InvoiceTaxes taxes;

    public InvoiceIssuer(InvoiceRepository invoices, AccountCreditLedger credit, PeriodReturns periods,
                         EventLog events, InvoiceTaxes taxes) {
        this.taxes = taxes;
        this.invoices = invoices;
        this.credit = credit;
        this.periods = periods;
        this.events = events;
    }

    /**
     * Issues the draft unless its key was issued before, in which case the stored invoice is returned unchanged.
     * Tax is computed on the lines' sum (exclusive tax is added to it); account credit then pays as much of that
     * amount as it can; an invoice with nothing left to pay is issued PAID.
     */
    @Transactional
    public InvoiceWithLines issue(InvoiceDraft draft) {
        UUID customerId = UUID.fromString(draft.customerId());
        // Taken first: it also makes a concurrent issue of the same key wait, then find the invoice.
        credit.lock(customerId);
        Optional<InvoiceRecord> issued = invoices.findByInvoiceKey(draft.invoiceKey());
        if (issued.isPresent()) {
            return invoices.findWithLines(issued.get().id()).orElseThrow();
        }

        List<InvoiceLine> drafted = withinWhatPeriodsGiveBack(draft);
        long subtotal = drafted.stream().mapToLong(InvoiceLine::amountMinor).sum();
        UUID subscriptionId = UUID.fromString(draft.subscriptionId());
        InvoiceTaxes.Taxed taxed = taxes.quote(customerId, subscriptionId, draft.currency(), subtotal,
                draft.issuedAt());
        TaxQuote tax = taxed.quote();
        long amount = subtotal + tax.addedMinor();
        long creditUsed = draft.applyAccountCredit() ? credit.spendable(customerId, draft.currency(), amount) : 0;
        long total = amount - creditUsed;
        InvoiceStatus status = total == 0 ? InvoiceStatus.PAID : InvoiceStatus.OPEN;
        UUID id = UUID.randomUUID();
        invoices.insert(id, draft.invoiceKey(), subscriptionId, customerId, draft.period(),
                draft.currency(), draft.periodStart(), draft.periodEnd(), subtotal, total, status.name(),
                draft.issuedAt(), status == InvoiceStatus.PAID ? draft.issuedAt() : null, tax.behavior().name(),
                tax.taxMinor(), tax.reverseCharge(), tax.note(), taxed.customerTaxId());
        for (int i = 0; i < tax.lines().size(); i++) {
            TaxQuote.Line line = tax.lines().get(i);
            invoices.insertTaxLine(id, i + 1, line.country(), line.taxCategory(), line.name(), line.ratePercent(),
                    line.taxableMinor(), line.taxMinor());
        }

        List<InvoiceLine> lines = new ArrayList<>(drafted);
        if (creditUsed > 0) {
            lines.add(new InvoiceLine(InvoiceLineKind.ACCOUNT_CREDIT, "Account credit applied", -creditUsed));
        }
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            invoices.insertLine(id, i + 1, line.kind().name(), line.description(), line.amountMinor(),
                    line.sourcePeriod());
        }
        InvoiceRecord invoice = invoices.findById(id).orElseThrow();
        if (creditUsed > 0) {
            credit.consume(invoice, creditUsed);
        }
        log.info("Issued invoice {} ({}) for {} {} with {} tax, {} to pay", invoice.number(), draft.invoiceKey(),
                subtotal, draft.currency(), tax.taxMinor(), total);
        InvoiceWithLines stored = invoices.findWithLines(id).orElseThrow();
        issued(stored);
        return stored;
    }

    /**
     * An invoice is issued final (no draft stage here), so created and finalized are written together; one that
     * account credit paid in full is paid too.
     */
    private void issued(InvoiceWithLines stored) {
        InvoiceRecord invoice = stored.invoice();
        String id = invoice.id().toString();
        events.record(EventType.INVOICE_CREATED, id, "issued", invoice.issuedAt(), EventObjects.invoice(stored));
        events.record(EventType.INVOICE_FINALIZED, id, "issued", invoice.issuedAt(), EventObjects.invoice(stored));
        if (invoice.status() == InvoiceStatus.PAID) {
            events.record(EventType.INVOICE_PAID, id, "paid", invoice.issuedAt(), EventObjects.invoice(stored));
        }
    }

    /**
     * The draft's lines, each proration credit for a period's unused time cut to what that period can still give
     * back ({@link PeriodReturns}): ops may have refunded the period after the plan change quoted its credit. The
     * periods stay locked until the invoice is stored, so a refund racing it sees its credit.
     */
    private List<InvoiceLine> withinWhatPeriodsGiveBack(InvoiceDraft draft) {
        List<InvoiceLine> lines = new ArrayList<>();
        UUID subscriptionId = UUID.fromString(draft.subscriptionId());
        for (InvoiceLine line : draft.lines()) {
            if (line.kind() != InvoiceLineKind.PRORATION_CREDIT || line.sourcePeriod() == null) {
                lines.add(line);
                continue;
            }
            periods.lock(subscriptionId, line.sourcePeriod());
            long given = lines.stream().filter(l -> l.kind() == InvoiceLineKind.PRORATION_CREDIT
                    && line.sourcePeriod().equals(l.sourcePeriod())).mapToLong(l -> -l.amountMinor()).sum();
            long credit = Math.min(-line.amountMinor(), periods.left(subscriptionId, line.sourcePeriod()) - given);
            if (credit < -line.amountMinor()) {
                log.info("Period {} of subscription {} has {} left to give back; invoice {} credits that, not {}",
                        line.sourcePeriod(), subscriptionId, Math.max(0, credit), draft.invoiceKey(),
                        -line.amountMinor());
            }
            if (credit > 0) {
                lines.add(new InvoiceLine(line.kind(), line.description(), -credit, line.sourcePeriod()));
            }
        }
        return lines;
    }

    /**
     * Voids or writes off an OPEN invoice; a paid or already closed invoice is left as it is. Voiding gives back
     * the account credit the invoice consumed (a written-off invoice keeps it: the customer used the service).
     */
    @Transactional
    public InvoiceRecord close(UUID invoiceId, InvoiceStatus status) {
        if (status != InvoiceStatus.VOID && status != InvoiceStatus.UNCOLLECTIBLE) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "An unpaid invoice closes as VOID or UNCOLLECTIBLE, not " + status, INVALID_CLOSING_STATUS);
        }
        InvoiceRecord invoice = invoices.lockById(invoiceId).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("No invoice " + invoiceId, INVOICE_NOT_FOUND));
        if (invoice.status() != InvoiceStatus.OPEN) {
            log.info("Invoice {} is {}; not closing it as {}", invoice.number(), invoice.status(), status);
            return invoice;
        }
        Instant closedAt = Instant.now();
        invoices.close(invoiceId, status.name(), closedAt);
        if (status == InvoiceStatus.VOID) {
            credit.returnConsumed(invoice, closedAt);
            events.record(EventType.INVOICE_VOIDED, invoiceId.toString(), "voided", BusinessClock.now(),
                    EventObjects.invoice(invoices.findWithLines(invoiceId).orElseThrow()));
        }
        return invoices.findById(invoiceId).orElseThrow();
    }
}
