package io.perennial.reconciliation;

/**
 * What a sweep found and fixed, in counts (the findings themselves are in the stored report).
 *
 * @param examined        charges in doubt looked at (PENDING past the grace period, or taken for a voided invoice)
 * @param settled         PENDING charges the provider answered for, now SUCCEEDED or DECLINED in our ledger
 * @param refunded        charges taken for voided invoices and given back
 * @param abandoned       PENDING charges the provider never booked, for invoices nothing collects any more
 * @param woken           held renewals signalled to collect with the answer now stored
 * @param stillInDoubt    charges left for the next sweep (provider unreachable, or still in its workflow's hands)
 */
public record SweepReport(String runKey, int examined, int settled, int refunded, int abandoned, int woken,
                          int stillInDoubt) {
}
