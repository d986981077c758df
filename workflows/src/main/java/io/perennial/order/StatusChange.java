package io.perennial.order;

import java.time.Instant;

/** One step of an order's history: it became {@code status} at {@code at}, and why. */
public record StatusChange(OrderStatus status, Instant at, String reason) {
}
