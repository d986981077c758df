package io.perennial.fulfilment;

import java.time.Instant;
import java.util.List;

/**
 * A paid period of a physical plan owes the subscriber a box. At most one per subscription and period, whatever
 * retries, resets or continue-as-new do: the pair is the box's identity.
 *
 * @param planVersion the catalog version whose box contents the subscriber signed up for
 * @param dueAt       business time the period was paid
 */
public record BoxDue(String subscriptionId, String customerId, int period, String planId, int planVersion,
                     List<BoxItem> items, Instant periodStart, Instant periodEnd, Instant dueAt) {
}
