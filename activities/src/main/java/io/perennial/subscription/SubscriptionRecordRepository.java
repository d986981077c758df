package io.perennial.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SubscriptionRecordRepository extends CrudRepository<SubscriptionRecord, UUID> {

    /** Writes the state unless the row already holds the same or a newer revision. */
    @Query("""
            INSERT INTO subscriptions (id, customer_id, plan_id, workflow_id, status, trial_end, current_period,
                current_period_start, current_period_end, next_billing_at, cancel_at_period_end, canceled_at,
                cancel_reason, failed_payment_count, revision, created_at, updated_at)
            VALUES (:id, :customerId, :planId, :workflowId, :status, :trialEnd, :currentPeriod,
                :currentPeriodStart, :currentPeriodEnd, :nextBillingAt, :cancelAtPeriodEnd, :canceledAt,
                :cancelReason, :failedPaymentCount, :revision, :createdAt, :updatedAt)
            ON CONFLICT (id) DO UPDATE SET
                status = EXCLUDED.status,
                trial_end = EXCLUDED.trial_end,
                current_period = EXCLUDED.current_period,
                current_period_start = EXCLUDED.current_period_start,
                current_period_end = EXCLUDED.current_period_end,
                next_billing_at = EXCLUDED.next_billing_at,
                cancel_at_period_end = EXCLUDED.cancel_at_period_end,
                canceled_at = EXCLUDED.canceled_at,
                cancel_reason = EXCLUDED.cancel_reason,
                failed_payment_count = EXCLUDED.failed_payment_count,
                revision = EXCLUDED.revision,
                updated_at = EXCLUDED.updated_at
            WHERE subscriptions.revision < EXCLUDED.revision
            """)
    void upsert(UUID id, UUID customerId, String planId, String workflowId, String status,
                @Nullable Instant trialEnd, @Nullable Integer currentPeriod, @Nullable Instant currentPeriodStart,
                @Nullable Instant currentPeriodEnd, @Nullable Instant nextBillingAt, boolean cancelAtPeriodEnd,
                @Nullable Instant canceledAt, @Nullable String cancelReason, int failedPaymentCount, long revision,
                Instant createdAt, Instant updatedAt);

    List<SubscriptionRecord> findByCustomerIdOrderByCreatedAtDesc(UUID customerId);
}
