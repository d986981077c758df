package io.perennial.billing;

/** A movement of account credit: grants and returns add, consumption by an invoice and clawbacks take away. */
public enum CreditEntryKind {
    GRANT,
    CONSUMED,
    RETURNED,
    CLAWBACK,
    /** Taken away by ops or an admin, with a reason (never below a zero balance). */
    ADJUSTMENT
}
