package io.perennial.restock;

import java.time.Instant;

/** A receipt to record and put on the shelf, once per {@code (purchaseOrderId, receiptId)}. */
public record StockReceipt(String purchaseOrderId, String receiptId, String sku, int quantity, String receivedBy,
                           Instant receivedAt) {
}
