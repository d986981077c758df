package io.perennial.restock;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** A row of {@code purchase_order_receipts}: one delivery counted against a purchase order. */
@Introspected
public record PurchaseOrderReceiptRecord(String purchaseOrderId, String receiptId, int quantity, String receivedBy,
                                         Instant receivedAt) {
}
