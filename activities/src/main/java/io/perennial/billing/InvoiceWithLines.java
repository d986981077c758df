package io.perennial.billing;

import java.util.List;

/** An invoice and its lines in line order, as a reader of invoices (the API, a PDF) needs them. */
public record InvoiceWithLines(InvoiceRecord invoice, List<InvoiceLineRecord> lines) {
    public InvoiceWithLines {
        lines = List.copyOf(lines);
    }

    public IssuedInvoice issued() {
        return new IssuedInvoice(invoice.id().toString(), invoice.invoiceKey(), invoice.number(), invoice.currency(),
                lines.stream().map(InvoiceLineRecord::line).toList(), invoice.totalMinor(), invoice.status());
    }
}
