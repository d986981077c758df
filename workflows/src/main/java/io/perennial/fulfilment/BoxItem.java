package io.perennial.fulfilment;

import io.perennial.inventory.StockLine;

/** One line of a subscription box: {@code quantity} units of {@code sku}. */
public record BoxItem(String sku, int quantity) {
    public BoxItem {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku is required");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
    }

    /** The box line as an order line. */
    public StockLine toStockLine() {
        return new StockLine(sku, quantity);
    }
}
