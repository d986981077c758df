package io.perennial.subscription;

import java.time.Instant;

/** Period {@code number} (1-based) of a subscription: [start, end). */
public record BillingPeriod(int number, Instant start, Instant end) {
}
