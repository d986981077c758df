package io.perennial.fulfilment;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.util.UUID;

/** A box owed by a paid period of a physical plan, as the API shows it. {@code items} is the JSON of its SKUs. */
@Introspected
public record SubscriptionBox(UUID subscriptionId, int period, String planId, int planVersion, String items,
                              String status, Instant periodStart, Instant periodEnd, Instant dueAt) {
}
