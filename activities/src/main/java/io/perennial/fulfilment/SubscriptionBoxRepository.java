package io.perennial.fulfilment;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SubscriptionBoxRepository extends GenericRepository<SubscriptionBox, UUID> {

    /** Records the box unless this subscription's period already has one; returns 1 when it was new. */
    @Query("""
            INSERT INTO subscription_boxes (subscription_id, period, customer_id, plan_id, plan_version, items,
                period_start, period_end, due_at)
            VALUES (:subscriptionId, :period, :customerId, :planId, :planVersion, CAST(:items AS jsonb),
                :periodStart, :periodEnd, :dueAt)
            ON CONFLICT (subscription_id, period) DO NOTHING
            """)
    int insertDue(UUID subscriptionId, int period, UUID customerId, String planId, int planVersion, String items,
                  Instant periodStart, Instant periodEnd, Instant dueAt);

    @Query("""
            SELECT subscription_id, period, plan_id, plan_version, items::text AS items, status, period_start,
                period_end, due_at
            FROM subscription_boxes WHERE subscription_id = :subscriptionId ORDER BY period
            """)
    List<SubscriptionBox> findBySubscription(UUID subscriptionId);
}
