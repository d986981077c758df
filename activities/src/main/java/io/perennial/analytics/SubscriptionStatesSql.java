package io.perennial.analytics;

/**
 * The query text {@link AnalyticsLedger#statesAt} and {@link AnalyticsLedger#statesChangedBetween} share: each picks
 * subscriptions' latest history rows before {@code :until} into a CTE named {@code latest} (with its subscription,
 * customer, status, amount, currency, coupon and plan), then this reads them as {@link SubscriptionAtDay}s. Only
 * the latest rows are joined and asked whether they were ever active: asked of every history row, that question was
 * most of the query's time (bench rollup, docs/benchmarks.md).
 */
final class SubscriptionStatesSql {

    static final String OF_LATEST = """
            SELECT h.subscription_id, h.customer_id, h.status, h.amount_minor,
                h.currency, h.coupon_code, h.coupon_invoices_left, p.interval_unit, p.interval_count,
                c.percent_off_bp, c.amount_off_minor, c.currency AS coupon_currency,
                (h.status = 'ACTIVE' OR EXISTS (SELECT 1 FROM subscription_history a
                        WHERE a.subscription_id = h.subscription_id
                        AND a.status = 'ACTIVE' AND a.effective_at < :until)) AS ever_active
            FROM latest h
            JOIN plans p ON p.id = h.plan_id
            LEFT JOIN coupons c ON c.code = h.coupon_code
            ORDER BY h.subscription_id
            """;

    private SubscriptionStatesSql() {
    }
}
