package io.perennial.billing;

import io.micronaut.transaction.annotation.Transactional;
import io.perennial.event.EventLog;
import io.perennial.event.EventType;
import io.perennial.tax.TaxBehavior;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues credit notes against invoices, each in one transaction with its gapless number and its effect: account
 * credit granted or the open invoice's amount due reduced (a refund is started by the caller once this commits,
 * under the note's refund key). The invoice's row is locked first, so two notes never credit the same amount.
 */
@Singleton
public class CreditNotes {

    /** Credit {@code amountMinor} of invoice line {@code lineNo} (numbered from 1 as the invoice shows them). */
    public record LineCredit(int lineNo, long amountMinor) {
    }

    /** A credit note to issue; no {@code lines} credits everything the invoice has left. */
    public record Request(UUID invoiceId, List<LineCredit> lines, String reason, CreditNoteOutcome outcome,
                          UUID issuedBy, Instant at) {
        public Request {
            lines = List.copyOf(lines);
        }
    }

    /** A credit note as issued, with the invoice it credits. */
    public record Issued(CreditNoteRecord note, List<CreditNoteLineRecord> lines, InvoiceRecord invoice) {
    }

    /** Why a credit note was refused. */
    public enum Refusal { NOT_FOUND, INVALID_LINE, EXCEEDS_CREDITABLE, OUTCOME_NOT_POSSIBLE }

    /** A credit note refused; {@code pointer} names the field at fault, when one is. */
    public static final class Refused extends RuntimeException {
        private final Refusal refusal;
        private final String pointer;

        Refused(Refusal refusal, String pointer, String message) {
            super(message);
            this.refusal = refusal;
            this.pointer = pointer;
        }

        public Refusal refusal() {
            return refusal;
        }

        public String pointer() {
            return pointer;
        }
    }

    private final InvoiceRepository invoices;
    private final CreditNoteRepository notes;
    private final AccountCreditLedger credit;
    private final EventLog events;

    public CreditNotes(InvoiceRepository invoices, CreditNoteRepository notes, AccountCreditLedger credit,
                       EventLog events) {
        this.invoices = invoices;
        this.notes = notes;
        this.credit = credit;
        this.events = events;
    }

    @Transactional
    public Issued issue(Request request) {
        InvoiceRecord invoice = invoices.lockById(request.invoiceId()).orElseThrow(() ->
                new Refused(Refusal.NOT_FOUND, null, "Invoice " + request.invoiceId() + " does not exist."));
        if (invoice.status() == InvoiceStatus.VOID) {
            throw new Refused(Refusal.OUTCOME_NOT_POSSIBLE, null, "Invoice " + invoice.number()
                    + " is void: nothing was owed, so nothing can be credited.");
        }
        List<CreditNoteRecord> before = notes.findByInvoices(List.of(invoice.id()));
        long subtotalLeft = invoice.subtotalMinor()
                - before.stream().mapToLong(CreditNoteRecord::subtotalMinor).sum();
        long taxLeft = invoice.taxMinor() - before.stream().mapToLong(CreditNoteRecord::taxMinor).sum();
        List<LineCredit> credits = credits(invoice, request, subtotalLeft);
        long subtotal = credits.stream().mapToLong(LineCredit::amountMinor).sum();
        long tax = subtotal == subtotalLeft ? taxLeft : Math.min(taxLeft, taxShare(invoice, subtotal));
        long total = subtotal + (invoice.taxBehavior() == TaxBehavior.EXCLUSIVE ? tax : 0);
        requirePossible(invoice, request.outcome(), total);

        int year = request.at().atZone(ZoneOffset.UTC).getYear();
        String number = "CN-" + year + "-" + String.format("%06d", notes.nextNumber(year));
        UUID id = UUID.randomUUID();
        String refundKey = request.outcome() == CreditNoteOutcome.REFUND ? "credit-note:" + number : null;
        notes.insertNote(id, number, invoice.id(), invoice.customerId(), invoice.currency(), request.reason(),
                request.outcome().name(), subtotal, tax, total, refundKey, request.issuedBy(), request.at());
        List<InvoiceLineRecord> invoiceLines = invoices.findLines(invoice.id());
        for (int i = 0; i < credits.size(); i++) {
            LineCredit line = credits.get(i);
            notes.insertLine(id, i + 1, line.lineNo(), invoiceLines.get(line.lineNo() - 1).description(),
                    line.amountMinor());
        }
        switch (request.outcome()) {
            case ACCOUNT_CREDIT -> credit.adjust(invoice.customerId(), invoice.currency(), "credit-note:" + number,
                    total, "credit note " + number + ": " + request.reason(), request.at());
            case REDUCE_AMOUNT_DUE -> notes.reduceAmountDue(invoice.id(), total, request.at());
            case REFUND -> { }
        }
        CreditNoteRecord note = notes.findById(id).orElseThrow();
        List<CreditNoteLineRecord> lines = notes.findLinesOfInvoices(List.of(invoice.id())).stream()
                .filter(line -> line.creditNoteId().equals(id)).toList();
        events.record(EventType.CREDIT_NOTE_CREATED, id.toString(), "created", request.at(), object(note, lines));
        return new Issued(note, lines, invoices.findById(invoice.id()).orElseThrow());
    }

    /** The lines asked for, each within what its invoice line has left; or, for a full note, all that is left. */
    private List<LineCredit> credits(InvoiceRecord invoice, Request request, long subtotalLeft) {
        List<InvoiceLineRecord> lines = invoices.findLines(invoice.id());
        Map<Integer, Long> lineLeft = new LinkedHashMap<>();
        lines.stream().filter(line -> line.amountMinor() > 0)
                .forEach(line -> lineLeft.put(line.lineNo(), line.amountMinor()));
        notes.findLinesOfInvoices(List.of(invoice.id()))
                .forEach(done -> lineLeft.computeIfPresent(done.invoiceLineNo(),
                        (no, left) -> left - done.amountMinor()));
        List<LineCredit> credits = new ArrayList<>();
        if (request.lines().isEmpty()) {
            long room = subtotalLeft;
            for (Map.Entry<Integer, Long> left : lineLeft.entrySet()) {
                long amount = Math.min(left.getValue(), room);
                if (amount > 0) {
                    credits.add(new LineCredit(left.getKey(), amount));
                    room -= amount;
                }
            }
        } else {
            for (int i = 0; i < request.lines().size(); i++) {
                LineCredit asked = request.lines().get(i);
                Long left = lineLeft.get(asked.lineNo());
                if (left == null) {
                    throw new Refused(Refusal.INVALID_LINE, "/lines/" + i + "/lineNo", "Invoice " + invoice.number()
                            + " has no chargeable line " + asked.lineNo()
                            + " (credits and discounts are not credited).");
                }
                if (asked.amountMinor() > left) {
                    throw new Refused(Refusal.EXCEEDS_CREDITABLE, "/lines/" + i + "/amountMinor", "Line "
                            + asked.lineNo() + " of invoice " + invoice.number() + " has " + left
                            + " left to credit, not " + asked.amountMinor() + ".");
                }
                lineLeft.put(asked.lineNo(), left - asked.amountMinor());
                credits.add(asked);
            }
        }
        long asked = credits.stream().mapToLong(LineCredit::amountMinor).sum();
        if (asked == 0 || asked > subtotalLeft) {
            throw new Refused(Refusal.EXCEEDS_CREDITABLE, null, "Invoice " + invoice.number() + " has "
                    + Math.max(0, subtotalLeft) + " " + invoice.currency() + " of its lines left to credit"
                    + (asked == 0 ? "." : ", not " + asked + "."));
        }
        return credits;
    }

    /** The tax that goes with {@code subtotal} of the invoice's lines: its share of the invoice's tax, half-up. */
    static long taxShare(InvoiceRecord invoice, long subtotal) {
        if (invoice.subtotalMinor() == 0) {
            return 0;
        }
        return BigDecimal.valueOf(invoice.taxMinor()).multiply(BigDecimal.valueOf(subtotal))
                .divide(BigDecimal.valueOf(invoice.subtotalMinor()), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private void requirePossible(InvoiceRecord invoice, CreditNoteOutcome outcome, long total) {
        switch (outcome) {
            case REFUND -> {
                long refundable = invoice.status() == InvoiceStatus.PAID ? notes.refundableOfInvoice(invoice.id()) : 0;
                if (total > refundable) {
                    throw new Refused(Refusal.OUTCOME_NOT_POSSIBLE, "/outcome", "Invoice " + invoice.number()
                            + " has " + refundable + " " + invoice.currency() + " paid by its payment method left "
                            + "to refund, not " + total + "; credit the account instead.");
                }
            }
            case REDUCE_AMOUNT_DUE -> {
                if (invoice.status() != InvoiceStatus.OPEN || total > invoice.totalMinor()) {
                    throw new Refused(Refusal.OUTCOME_NOT_POSSIBLE, "/outcome", "Invoice " + invoice.number()
                            + " is " + invoice.status() + " with " + (invoice.status() == InvoiceStatus.OPEN
                            ? invoice.totalMinor() : 0) + " due; it cannot be reduced by " + total + ".");
                }
            }
            case ACCOUNT_CREDIT -> { }
        }
    }

    /** The credit note as the event log carries it. */
    public static Map<String, Object> object(CreditNoteRecord note, List<CreditNoteLineRecord> lines) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", note.id().toString());
        object.put("number", note.number());
        object.put("invoiceId", note.invoiceId().toString());
        object.put("currency", note.currency());
        object.put("reason", note.reason());
        object.put("outcome", note.outcome().name());
        object.put("subtotalMinor", note.subtotalMinor());
        object.put("taxMinor", note.taxMinor());
        object.put("totalMinor", note.totalMinor());
        object.put("issuedAt", note.issuedAt());
        object.put("lines", lines.stream().map(line -> Map.of("invoiceLineNo", line.invoiceLineNo(),
                "description", line.description(), "amountMinor", line.amountMinor())).toList());
        return object;
    }
}
