package io.perennial.subscription;

/**
 * How a subscription collects its invoices.
 *
 * @param daysUntilDue for {@link CollectionMethod#SEND_INVOICE}: days from an invoice's sending to its due date
 *                     (capped at the period's end); 0 otherwise
 */
public record CollectionTerms(CollectionMethod method, int daysUntilDue) {

    public static CollectionTerms automatic() {
        return new CollectionTerms(CollectionMethod.CHARGE_AUTOMATICALLY, 0);
    }

    public static CollectionTerms sendInvoice(int daysUntilDue) {
        return new CollectionTerms(CollectionMethod.SEND_INVOICE, daysUntilDue);
    }

    /** True when each invoice waits for the customer to pay it instead of being charged. */
    public boolean sendsInvoices() {
        return method == CollectionMethod.SEND_INVOICE;
    }
}
