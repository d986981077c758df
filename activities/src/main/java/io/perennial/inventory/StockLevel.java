package io.perennial.inventory;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** One SKU's stock: on the shelf, set aside for orders and boxes, free to reserve, and when to reorder. */
public record StockLevel(String sku, String productId, String name, int onHand, int reserved, int reorderPoint,
                         int reorderQuantity, String preferredSupplierId, @Nullable String alternateSupplierId,
                         Instant updatedAt) {

    public int available() {
        return onHand - reserved;
    }

    /** At or below the reorder point counts what is free, not what is on the shelf. */
    public boolean atOrBelowReorderPoint() {
        return available() <= reorderPoint;
    }
}
