package io.perennial.inventory;

import java.time.Duration;
import java.time.Instant;

/** Who restocks a SKU, and how long a purchase order usually takes to arrive. */
public record Supplier(String id, String name, Duration leadTime, Instant createdAt) {
}
