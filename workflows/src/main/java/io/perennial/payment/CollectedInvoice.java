package io.perennial.payment;

import io.perennial.billing.IssuedInvoice;

/**
 * What {@link PaymentActivities#issueAndCharge} did: the invoice as issued, and either its charge's receipt or the
 * issuer's decline. A decline is an answer here, not a failure, so the workflow keeps the invoice it declined.
 *
 * @param invoice the invoice as issued (before the charge: {@code OPEN} unless account credit paid it)
 * @param receipt the charge's receipt (amount 0, no payment id, when credit paid the invoice); null when declined
 * @param decline the decline; null when paid
 */
public record CollectedInvoice(IssuedInvoice invoice, ChargeReceipt receipt, PaymentDecline decline) {
}
