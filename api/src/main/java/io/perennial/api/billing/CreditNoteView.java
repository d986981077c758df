package io.perennial.api.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.billing.CreditNoteLineRecord;
import io.perennial.billing.CreditNoteOutcome;
import io.perennial.billing.CreditNoteRecord;
import io.perennial.payment.Refund;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A credit note against an invoice: {@code subtotalMinor} of the invoice's lines credited (in the lines' terms),
 * the {@code taxMinor} that goes with it, and {@code totalMinor} given back by its {@code outcome}. A REFUND shows
 * its refund once the payment provider has it ({@code refundStatus} PENDING, SUCCEEDED or FAILED).
 */
@Serdeable
public record CreditNoteView(String id, String number, String invoiceId, String reason,
                             @Schema(implementation = CreditNoteOutcome.class) String outcome, String currency,
                             long subtotalMinor, long taxMinor, long totalMinor, Instant issuedAt, List<Line> lines,
                             @Nullable String refundStatus, @Nullable Long refundedMinor) {

    /** How much of invoice line {@code invoiceLineNo} it credits. */
    @Serdeable
    public record Line(int invoiceLineNo, String description, long amountMinor) {
    }

    public static CreditNoteView of(CreditNoteRecord note, List<CreditNoteLineRecord> lines, @Nullable Refund refund) {
        return new CreditNoteView(note.id().toString(), note.number(), note.invoiceId().toString(), note.reason(),
                note.outcome().name(), note.currency(), note.subtotalMinor(), note.taxMinor(), note.totalMinor(),
                note.issuedAt(), lines.stream().filter(line -> line.creditNoteId().equals(note.id()))
                .map(line -> new Line(line.invoiceLineNo(), line.description(), line.amountMinor())).toList(),
                refund == null ? null : refund.status().name(), refund == null ? null : refund.amountMinor());
    }
}
