package io.perennial.inventory;

/** A quantity of one SKU: a line of an order or a box, or of a reservation. */
public record StockLine(String sku, int quantity) {

    public StockLine {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("a stock line needs a SKU");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("a stock line's quantity must be positive, not " + quantity);
        }
    }
}
