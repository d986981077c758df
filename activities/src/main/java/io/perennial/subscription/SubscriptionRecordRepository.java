package io.perennial.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.perennial.jdbc.RefusedData;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SubscriptionRecordRepository extends CrudRepository<SubscriptionRecord, UUID> {

    /**
     * Writes the state unless the row already holds a newer revision; returns 1 when it wrote. The same revision is
     * written again: the workflow writes its read model from inside a workflow task (a local activity), and a task
     * whose completion the server refused (an update or signal arrived meanwhile) runs again at a later time; what it
     * writes then is what its history keeps (a cancel's {@code canceledAt}, say), so it replaces the first attempt's.
     */
    @Query("""
            INSERT INTO subscriptions (id, customer_id, plan_id, workflow_id, status, trial_end, current_period,
                current_period_start, current_period_end, next_billing_at, cancel_at_period_end, canceled_at,
                cancel_reason, failed_payment_count, access_until, next_retry_at, pause_at_period_end, paused_at,
                resume_at, scheduled_plan_id, amount_minor, quantity, currency, coupon_code, coupon_invoices_left, plan_version,
                scheduled_plan_version, payment_issue, payment_issue_since, payment_attempts, shipping_address, next_box, add_ons, scheduled_items,
                risk_review, next_action_type, next_action_payment_key, next_action_expires_at, revision, created_at, updated_at)
            VALUES (:id, :customerId, :planId, :workflowId, :status, :trialEnd, :currentPeriod,
                :currentPeriodStart, :currentPeriodEnd, :nextBillingAt, :cancelAtPeriodEnd, :canceledAt,
                :cancelReason, :failedPaymentCount, :accessUntil, :nextRetryAt, :pauseAtPeriodEnd, :pausedAt,
                :resumeAt, :scheduledPlanId, :amountMinor, :quantity, :currency, :couponCode, :couponInvoicesLeft, :planVersion,
                :scheduledPlanVersion, :paymentIssue, :paymentIssueSince, :paymentAttempts,
                CAST(:shippingAddress AS jsonb), CAST(:nextBox AS jsonb), CAST(:addOns AS jsonb),
                CAST(:scheduledItems AS jsonb), :riskReview, :nextActionType, :nextActionPaymentKey, :nextActionExpiresAt,
                :revision, :createdAt, :updatedAt)
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
                quantity = EXCLUDED.quantity,
                currency = EXCLUDED.currency,
                coupon_code = EXCLUDED.coupon_code,
                coupon_invoices_left = EXCLUDED.coupon_invoices_left,
                plan_version = EXCLUDED.plan_version,
                scheduled_plan_version = EXCLUDED.scheduled_plan_version,
                payment_issue = EXCLUDED.payment_issue,
                payment_issue_since = EXCLUDED.payment_issue_since,
                payment_attempts = EXCLUDED.payment_attempts,
                shipping_address = EXCLUDED.shipping_address,
                next_box = EXCLUDED.next_box,
                add_ons = EXCLUDED.add_ons,
                scheduled_items = EXCLUDED.scheduled_items,
                risk_review = EXCLUDED.risk_review,
                next_action_type = EXCLUDED.next_action_type,
                next_action_payment_key = EXCLUDED.next_action_payment_key,
                next_action_expires_at = EXCLUDED.next_action_expires_at,
                revision = EXCLUDED.revision,
                updated_at = EXCLUDED.updated_at
            WHERE subscriptions.revision <= EXCLUDED.revision
            """)
    int upsert(UUID id, UUID customerId, String planId, String workflowId, String status,
                @Nullable Instant trialEnd, @Nullable Integer currentPeriod, @Nullable Instant currentPeriodStart,
                @Nullable Instant currentPeriodEnd, @Nullable Instant nextBillingAt, boolean cancelAtPeriodEnd,
                @Nullable Instant canceledAt, @Nullable String cancelReason, int failedPaymentCount,
                @Nullable Instant accessUntil, @Nullable Instant nextRetryAt, boolean pauseAtPeriodEnd,
                @Nullable Instant pausedAt, @Nullable Instant resumeAt, @Nullable String scheduledPlanId,
                @Nullable Long amountMinor, int quantity, @Nullable String currency, @Nullable String couponCode,
                @Nullable Integer couponInvoicesLeft, @Nullable Integer planVersion,
                @Nullable Integer scheduledPlanVersion, @Nullable String paymentIssue,
                @Nullable Instant paymentIssueSince, @Nullable Integer paymentAttempts,
                @Nullable String shippingAddress, @Nullable String nextBox, @Nullable String addOns,
                @Nullable String scheduledItems, @Nullable String riskReview, @Nullable String nextActionType,
                @Nullable String nextActionPaymentKey, @Nullable Instant nextActionExpiresAt, long revision,
                Instant createdAt, Instant updatedAt);

    /**
     * The row the API writes when it starts a subscription, before the workflow reports (revision 0): the plan
     * version, price and shipping address it signed up with; the columns of periods, pause, dunning, plan changes
     * and coupons start empty. Every later write is the workflow's ({@link SubscriptionRecordActivitiesImpl}).
     *
     * <p>The workflow's first record can race this insert and win: PostgreSQL then reports the other unique key
     * ({@code workflow_id}) instead of taking the {@code ON CONFLICT (id)} path. Its row is newer than revision 0,
     * which is all this would have written, so losing that race is not an error (it was a 500 on about one create
     * in 250 under load, found by the create benchmark).
     */
    default void insertStarted(UUID id, UUID customerId, String planId, int planVersion, long amountMinor,
                               String currency, String workflowId, String status, @Nullable String shippingAddress,
                               Instant createdAt) {
        insertStarted(id, customerId, planId, planVersion, amountMinor, 1, currency, workflowId, status,
                shippingAddress, createdAt);
    }

    /** {@link #insertStarted} for {@code quantity} units of the plan, {@code amountMinor} being their price. */
    default void insertStarted(UUID id, UUID customerId, String planId, int planVersion, long amountMinor,
                               int quantity, String currency, String workflowId, String status,
                               @Nullable String shippingAddress, Instant createdAt) {
        try {
            upsert(id, customerId, planId, workflowId, status, null, null, null, null, null, false, null, null, 0,
                    null, null, false, null, null, null, amountMinor, quantity, currency, null, null, planVersion, null, null,
                    null, null, shippingAddress, null, null, null, null, null, null, null, 0, createdAt, createdAt);
        } catch (RuntimeException e) {
            if (!RefusedData.isUniqueViolation(e) || findById(id).isEmpty()) {
                throw e;
            }
        }
    }

    @Query("SELECT * FROM subscriptions WHERE id = :id FOR UPDATE")
    Optional<SubscriptionRecord> lockById(UUID id);

    /** 1 when the row holds this shipping address (compared as JSON values, not text), else 0. */
    @Query("""
            SELECT COUNT(*) FROM subscriptions
            WHERE id = :id AND shipping_address IS NOT DISTINCT FROM CAST(:shippingAddress AS jsonb)
            """)
    long countWithAddress(UUID id, @Nullable String shippingAddress);

    /** The row's JSON columns as text: where a physical plan's boxes go, its next box, add-ons, scheduled items. */
    @io.micronaut.core.annotation.Introspected
    record JsonColumns(@Nullable String shippingAddress, @Nullable String nextBox, @Nullable String addOns,
                       @Nullable String scheduledItems) {
    }

    @Query("""
            SELECT CAST(shipping_address AS text) AS shipping_address, CAST(next_box AS text) AS next_box,
                CAST(add_ons AS text) AS add_ons, CAST(scheduled_items AS text) AS scheduled_items
            FROM subscriptions WHERE id = :id
            """)
    Optional<JsonColumns> findJsonColumnsById(UUID id);

    /** Whether the row's add-ons, now or from the next period (a scheduled decrease), include {@code code}. */
    @Query("""
            SELECT COALESCE(add_ons @> jsonb_build_array(jsonb_build_object('code', CAST(:code AS text))), false)
                OR COALESCE(scheduled_items -> 'addOns' @> jsonb_build_array(jsonb_build_object('code',
                    CAST(:code AS text))), false)
            FROM subscriptions WHERE id = :id
            """)
    Optional<Boolean> carriesAddOn(UUID id, String code);

    /** The revision of the workflow's state the row holds (0 before the workflow's first record). */
    @Query("SELECT revision FROM subscriptions WHERE id = :id")
    Optional<Long> findRevisionById(UUID id);

    List<SubscriptionRecord> findByCustomerIdOrderByCreatedAtDesc(UUID customerId);

    /** How many rows are at a revision; at 0, subscriptions whose workflow has not recorded its first state yet. */
    long countByRevision(long revision);

    List<SubscriptionRecord> findByIdIn(java.util.Collection<UUID> ids);

    /**
     * One page of subscriptions, newest first, after the row ({@code afterCreatedAt}, {@code afterId}) that ended
     * the previous page (both null for the first page). Null filters match everything.
     */
    @Query("""
            SELECT * FROM subscriptions
            WHERE (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
              AND (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:planId AS text) IS NULL OR plan_id = :planId)
              AND (CAST(:afterCreatedAt AS timestamptz) IS NULL OR (created_at, id) < (:afterCreatedAt, :afterId))
            ORDER BY created_at DESC, id DESC
            LIMIT :limit
            """)
    List<SubscriptionRecord> findPage(@Nullable UUID customerId, @Nullable String status, @Nullable String planId,
                                      @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit);

    /** How many past-due subscriptions the filters match (the same filters as {@link #findFailedRenewals}). */
    @Query("""
            SELECT COUNT(*) FROM subscriptions
            WHERE status IN ('PAST_DUE', 'SUSPENDED')
              AND (CAST(:reason AS text) IS NULL OR payment_issue = :reason)
              AND (CAST(:planId AS text) IS NULL OR plan_id = :planId)
              AND (CAST(:failedSince AS timestamptz) IS NULL OR payment_issue_since >= :failedSince)
              AND (CAST(:failedUntil AS timestamptz) IS NULL OR payment_issue_since < :failedUntil)
            """)
    long countFailedRenewals(@Nullable String reason, @Nullable String planId, @Nullable Instant failedSince,
                             @Nullable Instant failedUntil);

    /**
     * Past-due subscriptions, oldest failure first, after the row ({@code afterSince}, {@code afterId}) that ended
     * the previous page. Null filters match everything; the window is on when collecting first failed.
     */
    @Query("""
            SELECT * FROM subscriptions
            WHERE status IN ('PAST_DUE', 'SUSPENDED')
              AND (CAST(:reason AS text) IS NULL OR payment_issue = :reason)
              AND (CAST(:planId AS text) IS NULL OR plan_id = :planId)
              AND (CAST(:failedSince AS timestamptz) IS NULL OR payment_issue_since >= :failedSince)
              AND (CAST(:failedUntil AS timestamptz) IS NULL OR payment_issue_since < :failedUntil)
              AND (CAST(:afterSince AS timestamptz) IS NULL OR (payment_issue_since, id) > (:afterSince, :afterId))
            ORDER BY payment_issue_since, id
            LIMIT :limit
            """)
    List<SubscriptionRecord> findFailedRenewals(@Nullable String reason, @Nullable String planId,
                                                @Nullable Instant failedSince, @Nullable Instant failedUntil,
                                                @Nullable Instant afterSince, @Nullable UUID afterId, int limit);

    /** {@link #findOnOlderVersion}, one page in the same order after the row ({@code afterCreatedAt}, {@code afterId}). */
    @Query("""
            SELECT * FROM subscriptions
            WHERE plan_id = :planId AND status <> 'CANCELED' AND COALESCE(plan_version, 0) < :version
              AND NOT (scheduled_plan_id IS NOT DISTINCT FROM plan_id
                       AND COALESCE(scheduled_plan_version, 0) >= :version)
              AND (CAST(:afterCreatedAt AS timestamptz) IS NULL OR (created_at, id) > (:afterCreatedAt, :afterId))
            ORDER BY created_at, id
            LIMIT :limit
            """)
    List<SubscriptionRecord> findOnOlderVersionAfter(String planId, int version, @Nullable Instant afterCreatedAt,
                                                     @Nullable UUID afterId, int limit);

    /** How many subscriptions {@link #findOnOlderVersion} selects. */
    @Query("""
            SELECT COUNT(*) FROM subscriptions
            WHERE plan_id = :planId AND status <> 'CANCELED' AND COALESCE(plan_version, 0) < :version
              AND NOT (scheduled_plan_id IS NOT DISTINCT FROM plan_id
                       AND COALESCE(scheduled_plan_version, 0) >= :version)
            """)
    long countOnOlderVersion(String planId, int version);

    /** Live subscriptions of a plan on a version older than {@code version}, and not already moving to it. */
    @Query("""
            SELECT * FROM subscriptions
            WHERE plan_id = :planId AND status <> 'CANCELED' AND COALESCE(plan_version, 0) < :version
              AND NOT (scheduled_plan_id IS NOT DISTINCT FROM plan_id
                       AND COALESCE(scheduled_plan_version, 0) >= :version)
            ORDER BY created_at, id
            """)
    List<SubscriptionRecord> findOnOlderVersion(String planId, int version);
}
