package io.perennial.restock;

/** Free stock of {@code sku} fell to or below its reorder point; {@code cause} says what took it there. */
public record LowStock(String sku, String cause) {
}
