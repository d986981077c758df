package io.perennial.restock;

import java.time.Instant;

/** A purchase order moved to {@code status} at {@code at}, because of {@code note}. */
public record PurchaseOrderStatusChange(String purchaseOrderId, PurchaseOrderStatus status, Instant at, String note) {
}
