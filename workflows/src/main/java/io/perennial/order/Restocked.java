package io.perennial.order;

/** Stock of {@code sku} arrived (sent by the restock process or ops): a backordered order tries again. */
public record Restocked(String sku) {
}
