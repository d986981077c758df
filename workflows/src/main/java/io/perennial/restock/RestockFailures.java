package io.perennial.restock;

/** Failure types of the restock process. */
public final class RestockFailures {
    /** The supplier refused the purchase order (SKU not sold, quantity not accepted): not retried. */
    public static final String PURCHASE_ORDER_REJECTED = "PurchaseOrderRejected";
    /** A receipt the purchase order cannot take: over-receipt, a closed order, a receipt id reused differently. */
    public static final String RECEIPT_REFUSED = "ReceiptRefused";

    private RestockFailures() {
    }
}
