package io.perennial.points;

/** What moved a customer's points, with its sign. */
public enum PointsEntryKind {
    /** + on money paid: an invoice paid, an order delivered. */
    EARNED,
    /** − (or 0) a refund's share of an earning. */
    CLAWBACK,
    /** − (or 0) what was left of earnings past their expiry. */
    EXPIRED,
    /** − turned into account credit. */
    REDEEMED,
    /** + given by ops or an admin, with a reason. */
    GRANT,
    /** ± corrected by ops or an admin, with a reason. */
    ADJUSTMENT
}
