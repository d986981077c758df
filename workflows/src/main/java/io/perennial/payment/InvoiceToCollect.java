package io.perennial.payment;

import io.perennial.billing.InvoiceDraft;

/**
 * A period's invoice to issue and charge in one activity ({@link PaymentActivities#issueAndCharge}). The charge's
 * idempotency key is {@code {subscriptionId}:{period}:{purpose}}, as {@link InvoiceCharge}'s: the same key whichever
 * of the two paths charged it.
 *
 * @param authentication whether the customer may authenticate the charge if the issuer asks
 */
public record InvoiceToCollect(InvoiceDraft draft, String purpose, String paymentMethod,
                               AuthenticationOffer authentication) {

    /** The charge of the invoice once issued: its total, as the ledger says. */
    public InvoiceCharge chargeOf(String invoiceId, long totalMinor) {
        return new InvoiceCharge(invoiceId, draft.subscriptionId(), draft.customerId(), draft.period(), purpose,
                totalMinor, draft.currency(), paymentMethod, draft.issuedAt(), authentication);
    }
}
