package io.perennial.api.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceLineRecord;
import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.InvoiceWithLines;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** An invoice with its lines; amounts in minor units, credits and discounts negative. */
@Serdeable
public record InvoiceView(String id, String number, String subscriptionId, int period,
                          @Schema(implementation = InvoiceStatus.class) String status,
                          String currency, Instant periodStart, Instant periodEnd, long subtotalMinor,
                          long totalMinor, Instant issuedAt, @Nullable Instant paidAt, List<Line> lines) {

    @Serdeable
    public record Line(@Schema(implementation = InvoiceLineKind.class) String kind, String description,
                       long amountMinor) {
    }

    static InvoiceView of(InvoiceWithLines invoiceWithLines) {
        InvoiceRecord invoice = invoiceWithLines.invoice();
        return new InvoiceView(invoice.id().toString(), invoice.number(), invoice.subscriptionId().toString(),
                invoice.period(), invoice.status().name(), invoice.currency(), invoice.periodStart(),
                invoice.periodEnd(), invoice.subtotalMinor(), invoice.totalMinor(), invoice.issuedAt(),
                invoice.paidAt(), invoiceWithLines.lines().stream().map(InvoiceView::line).toList());
    }

    private static Line line(InvoiceLineRecord line) {
        return new Line(line.kind().name(), line.description(), line.amountMinor());
    }
}
