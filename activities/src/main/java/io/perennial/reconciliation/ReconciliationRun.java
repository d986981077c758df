package io.perennial.reconciliation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One reconciliation sweep's counts (see {@link SweepReport}); {@code createdAt} is wall-clock time. The totals count
 * subscriptions' and orders' charges together; {@code orders*} are the orders' part of them.
 */
@MappedEntity("reconciliation_runs")
public record ReconciliationRun(@Id UUID id, String runKey, String trigger, Instant businessTime, int examined,
                                int settled, int refunded, int abandoned, int woken, int stillInDoubt,
                                Instant createdAt, int ordersExamined, int ordersSettled, int ordersRefunded,
                                int ordersAbandoned) {
}
