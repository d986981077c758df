package io.perennial.order;

/** The customer (or ops on their behalf) asks to cancel the order. */
public record OrderCancellation(String reason, String requestedBy) {
}
