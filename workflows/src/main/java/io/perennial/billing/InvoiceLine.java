package io.perennial.billing;

/** One line of an invoice, in minor units of the invoice's currency; negative for credits and discounts. */
public record InvoiceLine(InvoiceLineKind kind, String description, long amountMinor) {
    public InvoiceLine {
        if (kind == null) {
            throw new IllegalArgumentException("line kind is required");
        }
        boolean credit = kind == InvoiceLineKind.PRORATION_CREDIT || kind == InvoiceLineKind.DISCOUNT
                || kind == InvoiceLineKind.ACCOUNT_CREDIT;
        if (credit ? amountMinor > 0 : amountMinor < 0) {
            throw new IllegalArgumentException(kind + " line has the wrong sign: " + amountMinor);
        }
    }
}
