package io.perennial.restock;

/** The supplier took the order; {@code supplierReference} is its own number for it. */
public record PlacedPurchaseOrder(String purchaseOrderId, String supplierId, String supplierReference) {
}
