package io.perennial.supply;

/** A purchase order as sent to a supplier. */
public record SupplierOrder(String purchaseOrderId, String supplierId, String sku, int quantity) {
}
