package io.perennial.billing;

import java.util.List;

/** An invoice, its lines and its tax lines in line order, as a reader of invoices (the API, a PDF) needs them. */
public record InvoiceWithLines(InvoiceRecord invoice, List<InvoiceLineRecord> lines,
                               List<InvoiceTaxLineRecord> taxLines) {
    public InvoiceWithLines {
        lines = List.copyOf(lines);
        taxLines = List.copyOf(taxLines);
    }

    public IssuedInvoice issued() {
        return new IssuedInvoice(invoice.id().toString(), invoice.invoiceKey(), invoice.number(), invoice.currency(),
                lines.stream().map(InvoiceLineRecord::line).toList(), invoice.totalMinor(), invoice.status());
    }
}
