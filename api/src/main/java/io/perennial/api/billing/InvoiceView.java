package io.perennial.api.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceLineRecord;
import io.perennial.billing.InvoiceTaxLineRecord;
import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.SentInvoiceRecord;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.InvoiceWithLines;
import io.perennial.providerevent.PaymentDispute;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An invoice with its lines; amounts in minor units, credits and discounts negative. {@code disputed} is true once
 * the cardholder disputed the payment that collected it (a chargeback), with the dispute in {@code dispute}.
 * {@code collectionMethod} is {@code SEND_INVOICE} for an invoice sent to the customer to pay by {@code dueAt},
 * by bank transfer with {@code bankReference}; {@code overdue} once its due date passed unpaid.
 * Tax: {@code taxBehavior} says whether the lines include tax (INCLUSIVE) or have {@code taxMinor} added
 * (EXCLUSIVE); {@code amountMinor} is the lines plus added tax, before account credit; {@code taxLines} one per
 * rate; {@code reverseCharge} with the {@code taxNote} the invoice prints when the buyer accounts for the VAT.
 * {@code creditNotes} are the corrections issued against it: the invoice itself is never edited (only what is left
 * to pay, {@code totalMinor}, goes down when a credit note reduces it).
 */
@Serdeable
public record InvoiceView(String id, String number, String subscriptionId, int period,
                          @Schema(implementation = InvoiceStatus.class) String status,
                          String currency, Instant periodStart, Instant periodEnd, long subtotalMinor,
                          long totalMinor, Instant issuedAt, @Nullable Instant paidAt, List<Line> lines,
                          boolean disputed, @Nullable Dispute dispute, String collectionMethod,
                          @Nullable Instant dueAt, @Nullable String bankReference, boolean overdue,
                          String taxBehavior, long taxMinor, long amountMinor, List<TaxLine> taxLines,
                          boolean reverseCharge, @Nullable String taxNote, @Nullable String customerTaxId,
                          List<CreditNoteView> creditNotes) {

    /** One rate's tax: {@code taxableMinor} is the net the rate applies to. */
    @Serdeable
    public record TaxLine(String country, String taxCategory, String name, BigDecimal ratePercent,
                          long taxableMinor, long taxMinor) {
        static TaxLine of(InvoiceTaxLineRecord line) {
            return new TaxLine(line.country(), line.taxCategory(), line.name(), plain(line.ratePercent()),
                    line.taxableMinor(), line.taxMinor());
        }

        /** A rate as written: {@code 20}, {@code 8.875}; never {@code 20.0000} nor {@code 2E+1}. */
        public static BigDecimal plain(BigDecimal rate) {
            BigDecimal stripped = rate.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }

    /**
     * A dispute at the provider: its id there, the amount disputed, the cardholder's reason, when it opened, and its
     * {@code status}: OPEN until decided, then WON (the money stays ours) or LOST, at {@code closedAt}.
     */
    @Serdeable
    public record Dispute(String disputeId, long amountMinor, String currency, @Nullable String reason,
                          Instant openedAt, String status, @Nullable Instant closedAt) {
        static Dispute of(PaymentDispute dispute) {
            return new Dispute(dispute.disputeId(), dispute.amountMinor(), dispute.currency(), dispute.reason(),
                    dispute.openedAt(), dispute.status(), dispute.closedAt());
        }
    }

    @Serdeable
    public record Line(@Schema(implementation = InvoiceLineKind.class) String kind, String description,
                       long amountMinor) {
    }

    static InvoiceView of(InvoiceWithLines invoiceWithLines, @Nullable PaymentDispute dispute,
                          @Nullable SentInvoiceRecord sent, List<CreditNoteView> creditNotes) {
        InvoiceRecord invoice = invoiceWithLines.invoice();
        boolean overdue = sent != null && sent.overdueSince() != null && invoice.status() != InvoiceStatus.PAID
                && invoice.status() != InvoiceStatus.VOID;
        return new InvoiceView(invoice.id().toString(), invoice.number(), invoice.subscriptionId().toString(),
                invoice.period(), invoice.status().name(), invoice.currency(), invoice.periodStart(),
                invoice.periodEnd(), invoice.subtotalMinor(), invoice.totalMinor(), invoice.issuedAt(),
                invoice.paidAt(), invoiceWithLines.lines().stream().map(InvoiceView::line).toList(), dispute != null,
                dispute == null ? null : Dispute.of(dispute), sent == null ? "CHARGE_AUTOMATICALLY" : "SEND_INVOICE",
                sent == null ? null : sent.dueAt(), sent == null ? null : sent.bankReference(), overdue,
                invoice.taxBehavior().name(), invoice.taxMinor(), invoice.amountMinor(),
                invoiceWithLines.taxLines().stream().map(TaxLine::of).toList(), invoice.reverseCharge(),
                invoice.taxNote(), invoice.customerTaxId(), creditNotes);
    }

    private static Line line(InvoiceLineRecord line) {
        return new Line(line.kind().name(), line.description(), line.amountMinor());
    }
}
