package io.perennial.payment;

/**
 * What asking the provider about a voided invoice's charges found.
 *
 * @param chargesTaken charges the provider had booked although we never heard its answer
 * @param refundedMinor what was given back of them
 * @param leftInDoubt  charges or refunds the provider could not be asked about now; the reconciliation sweep
 *                     settles them later
 */
public record VoidedInvoiceSettlement(int chargesTaken, long refundedMinor, int leftInDoubt) {
}
