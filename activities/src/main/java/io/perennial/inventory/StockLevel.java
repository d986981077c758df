package io.perennial.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One SKU's stock: on the shelf, set aside for orders and boxes, free to reserve, and when to reorder; and its unit
 * price when it is sold on its own (null for a SKU only shipped in boxes).
 */
@MappedEntity("skus")
public record StockLevel(@Id String sku, String productId, String name, int onHand, int reserved, int reorderPoint,
                         int reorderQuantity, String preferredSupplierId, @Nullable String alternateSupplierId,
                         Instant updatedAt, @Nullable Long unitPriceMinor, @Nullable String currency) {

    /** Whether customers can order it on its own. */
    public boolean priced() {
        return unitPriceMinor != null && currency != null;
    }

    public int available() {
        return onHand - reserved;
    }

    /** At or below the reorder point counts what is free, not what is on the shelf. */
    public boolean atOrBelowReorderPoint() {
        return available() <= reorderPoint;
    }
}
