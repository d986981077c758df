package io.perennial.restock;

/**
 * Goods of a purchase order arrived at the warehouse (ops post it). {@code receiptId} (the delivery note) makes it
 * idempotent: the same receipt posted twice counts once.
 */
public record GoodsReceipt(String purchaseOrderId, String receiptId, int quantity, String receivedBy) {
}
