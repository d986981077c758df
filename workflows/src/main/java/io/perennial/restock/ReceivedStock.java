package io.perennial.restock;

/** A receipt recorded: the SKU's on-hand stock after it; {@code duplicate} when it had been recorded before. */
public record ReceivedStock(String purchaseOrderId, String receiptId, int onHand, boolean duplicate) {
}
