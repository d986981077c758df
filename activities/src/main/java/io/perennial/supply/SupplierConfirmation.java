package io.perennial.supply;

/** The supplier took the order; {@code reference} is its own number for it. */
public record SupplierConfirmation(String purchaseOrderId, String reference) {
}
