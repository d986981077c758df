package io.perennial.analytics;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The history of subscription states the analytics roll-up reads (docs/analytics.md). Appended to by
 * {@code RecordSubscription} alone; a revision recorded twice (an activity retry) keeps its first row.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SubscriptionHistory extends GenericRepository<SubscriptionHistory.Change, UUID> {

    /** A change of status on a day, in revision order: what trials ended and what was canceled why. */
    @Introspected
    record Change(UUID subscriptionId, long revision, String status, @Nullable String cancelReason) {
    }

    @Query("""
            INSERT INTO subscription_history (subscription_id, revision, customer_id, plan_id, plan_version, status,
                amount_minor, currency, coupon_code, coupon_invoices_left, cancel_reason, effective_at)
            VALUES (:subscriptionId, :revision, :customerId, :planId, :planVersion, :status, :amountMinor,
                :currency, :couponCode, :couponInvoicesLeft, :cancelReason, :effectiveAt)
            ON CONFLICT (subscription_id, revision) DO NOTHING
            """)
    void append(UUID subscriptionId, long revision, UUID customerId, String planId, @Nullable Integer planVersion,
                String status, @Nullable Long amountMinor, @Nullable String currency, @Nullable String couponCode,
                @Nullable Integer couponInvoicesLeft, @Nullable String cancelReason, Instant effectiveAt);

    /** The rows recorded in [from, until), per subscription in revision order. */
    @Query("""
            SELECT subscription_id, revision, status, cancel_reason FROM subscription_history
            WHERE effective_at >= :from AND effective_at < :until
            ORDER BY subscription_id, revision
            """)
    List<Change> changesBetween(Instant from, Instant until);
}
