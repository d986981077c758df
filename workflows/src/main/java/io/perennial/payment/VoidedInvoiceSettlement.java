package io.perennial.payment;

/**
 * What asking the provider about a voided invoice's charges found.
 *
 * @param chargesTaken charges the provider had booked although we never heard its answer
 * @param refundedMinor what was given back of them
 * @param leftInDoubt  charges the provider has not booked (yet) or could not be asked about now, and refunds not
 *                     answered: the reconciliation sweep settles them once past its grace period
 */
public record VoidedInvoiceSettlement(int chargesTaken, long refundedMinor, int leftInDoubt) {
}
