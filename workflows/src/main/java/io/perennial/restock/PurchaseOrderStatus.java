package io.perennial.restock;

/** Where a purchase order stands, in the {@code purchase_orders} table and the restock's state. */
public enum PurchaseOrderStatus {
    /** Being placed: the supplier has not answered yet. */
    PLACING,
    /** The supplier took it; nothing received yet. */
    PLACED,
    PARTIALLY_RECEIVED,
    /** Everything ordered arrived. */
    RECEIVED,
    /** The supplier refused it (SKU or quantity); another supplier is tried. */
    REJECTED,
    /**
     * The supplier never confirmed it (down or silent through every attempt), so another supplier is tried. It may
     * still have taken it: ops check with the supplier; goods that arrive for it are counted in by hand.
     */
    UNCONFIRMED,
    /** Late: the deadline passed with the order unfilled; ops were reminded. */
    OVERDUE,
    /** Closed unfilled after the deadline; its remainder was re-ordered elsewhere. Later receipts are refused. */
    SHORT_CLOSED;

    public boolean open() {
        return this == PLACED || this == PARTIALLY_RECEIVED || this == OVERDUE;
    }
}
