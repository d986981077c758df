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
                cancel_reason, failed_payment_count, access_until, next_retry_at, pause_at_period_end, paused_at,
                resume_at, scheduled_plan_id, amount_minor, currency, coupon_code, coupon_invoices_left, revision,
                created_at, updated_at)
            VALUES (:id, :customerId, :planId, :workflowId, :status, :trialEnd, :currentPeriod,
                :currentPeriodStart, :currentPeriodEnd, :nextBillingAt, :cancelAtPeriodEnd, :canceledAt,
                :cancelReason, :failedPaymentCount, :accessUntil, :nextRetryAt, :pauseAtPeriodEnd, :pausedAt,
                :resumeAt, :scheduledPlanId, :amountMinor, :currency, :couponCode, :couponInvoicesLeft, :revision,
                :createdAt, :updatedAt)
            ON CONFLICT (id) DO UPDATE SET
                plan_id = EXCLUDED.plan_id,
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
                access_until = EXCLUDED.access_until,
                next_retry_at = EXCLUDED.next_retry_at,
                pause_at_period_end = EXCLUDED.pause_at_period_end,
                paused_at = EXCLUDED.paused_at,
                resume_at = EXCLUDED.resume_at,
                scheduled_plan_id = EXCLUDED.scheduled_plan_id,
                amount_minor = EXCLUDED.amount_minor,
                currency = EXCLUDED.currency,
                coupon_code = EXCLUDED.coupon_code,
                coupon_invoices_left = EXCLUDED.coupon_invoices_left,
                revision = EXCLUDED.revision,
                updated_at = EXCLUDED.updated_at
            WHERE subscriptions.revision < EXCLUDED.revision
            """)
    void upsert(UUID id, UUID customerId, String planId, String workflowId, String status,
                @Nullable Instant trialEnd, @Nullable Integer currentPeriod, @Nullable Instant currentPeriodStart,
                @Nullable Instant currentPeriodEnd, @Nullable Instant nextBillingAt, boolean cancelAtPeriodEnd,
                @Nullable Instant canceledAt, @Nullable String cancelReason, int failedPaymentCount,
                @Nullable Instant accessUntil, @Nullable Instant nextRetryAt, boolean pauseAtPeriodEnd,
                @Nullable Instant pausedAt, @Nullable Instant resumeAt, @Nullable String scheduledPlanId,
                @Nullable Long amountMinor, @Nullable String currency, @Nullable String couponCode,
                @Nullable Integer couponInvoicesLeft, long revision, Instant createdAt, Instant updatedAt);

    /**
     * The row the API writes when it starts a subscription, before the workflow reports (revision 0): the columns
     * of pause, dunning, plan changes and coupons start empty.
     */
    default void upsert(UUID id, UUID customerId, String planId, String workflowId, String status,
                        @Nullable Instant trialEnd, @Nullable Integer currentPeriod,
                        @Nullable Instant currentPeriodStart, @Nullable Instant currentPeriodEnd,
                        @Nullable Instant nextBillingAt, boolean cancelAtPeriodEnd, @Nullable Instant canceledAt,
                        @Nullable String cancelReason, int failedPaymentCount, long revision, Instant createdAt,
                        Instant updatedAt) {
        upsert(id, customerId, planId, workflowId, status, trialEnd, currentPeriod, currentPeriodStart,
                currentPeriodEnd, nextBillingAt, cancelAtPeriodEnd, canceledAt, cancelReason, failedPaymentCount,
                null, null, false, null, null, null, null, null, null, null, revision, createdAt, updatedAt);
    }

    List<SubscriptionRecord> findByCustomerIdOrderByCreatedAtDesc(UUID customerId);
}
