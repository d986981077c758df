package io.perennial.restock;

/** Asks for the SKU's reorder rule, suppliers and free stock as they are now. */
public record RestockPlanRequest(String sku) {
}
