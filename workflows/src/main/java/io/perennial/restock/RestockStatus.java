package io.perennial.restock;

/** Where a restock stands: the {@code RestockStatus} search attribute, for ops in the Temporal UI. */
public enum RestockStatus {
    /** Started; deciding what to order. */
    PLANNING,
    /** A purchase order is out; nothing received yet. */
    ORDERED,
    PARTIALLY_RECEIVED,
    /** Received in full; waking the orders that wait. */
    RECEIVED,
    /** The deadline passed with the order unfilled: ops reminded, the remainder re-ordered. */
    OVERDUE,
    /** No supplier took the order: ops reminded; tried again later. */
    NEEDS_ATTENTION,
    /** Received in full and nobody waiting. */
    COMPLETED
}
