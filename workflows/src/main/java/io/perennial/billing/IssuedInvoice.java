package io.perennial.billing;

import java.util.List;

/** An invoice as stored: its lines (including applied account credit) and the amount left to charge. */
public record IssuedInvoice(String invoiceId, String invoiceKey, String number, String currency,
                            List<InvoiceLine> lines, long totalMinor, InvoiceStatus status) {
    public IssuedInvoice {
        lines = List.copyOf(lines);
    }
}
