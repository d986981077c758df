package io.perennial.billing;

/**
 * One line of an invoice, in minor units of the invoice's currency; negative for credits and discounts.
 *
 * @param sourcePeriod on a proration credit, the subscription period whose unused time it gives back (the invoice's
 *                     own period, or the one before it for a change of interval); null on every other line
 */
public record InvoiceLine(InvoiceLineKind kind, String description, long amountMinor, Integer sourcePeriod) {
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

    public InvoiceLine(InvoiceLineKind kind, String description, long amountMinor) {
        this(kind, description, amountMinor, null);
    }
}
