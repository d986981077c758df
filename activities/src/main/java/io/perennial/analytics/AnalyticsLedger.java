package io.perennial.analytics;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the daily roll-up reads from the ledger and the subscription history (docs/analytics.md). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AnalyticsLedger extends GenericRepository<SubscriptionAtDay, UUID> {

    @Introspected
    record CustomerCurrency(UUID customerId, String currency) {
    }

    @Introspected
    record CurrencyTotal(String currency, int count, long amountMinor) {
    }

    /** Of the subscribers who started paying in {@code cohort}, how many were paying {@code monthsSinceStart} later. */
    @Introspected
    record CohortCell(java.time.LocalDate cohort, int monthsSinceStart, int subscribers, int retained) {
    }

    /**
     * Cohort retention (docs/analytics.md): a subscriber's cohort is the UTC month of its first ACTIVE row; it is
     * retained in month k when its latest row at the end of that month (or at {@code until}, for a month not over)
     * is paying. Cohorts from {@code fromMonth} on.
     */
    @Query("""
            WITH starts AS (
                SELECT subscription_id,
                       CAST(date_trunc('month', min(effective_at) AT TIME ZONE 'UTC') AS date) AS cohort
                FROM subscription_history
                WHERE status = 'ACTIVE' AND effective_at < :until
                GROUP BY subscription_id),
            cells AS (
                SELECT s.subscription_id, s.cohort, k.k,
                       LEAST((s.cohort + (k.k + 1) * interval '1 month') AT TIME ZONE 'UTC', :until) AS at_end
                FROM starts s CROSS JOIN LATERAL generate_series(0, 119) AS k(k)
                WHERE s.cohort >= :fromMonth AND (s.cohort + k.k * interval '1 month') AT TIME ZONE 'UTC' < :until)
            SELECT c.cohort, c.k AS months_since_start, count(*)::int AS subscribers,
                   (count(*) FILTER (WHERE last.status IN ('ACTIVE', 'PAST_DUE')))::int AS retained
            FROM cells c
            CROSS JOIN LATERAL (SELECT h.status FROM subscription_history h
                                WHERE h.subscription_id = c.subscription_id AND h.effective_at < c.at_end
                                ORDER BY h.revision DESC LIMIT 1) last
            GROUP BY c.cohort, c.k
            ORDER BY c.cohort, c.k
            """)
    List<CohortCell> cohorts(java.time.LocalDate fromMonth, Instant until);

    @Introspected
    record SkuUnits(String sku, String kind, long units) {
    }

    /** One-off order payments that succeeded in [from, until), per currency. */
    @Query("""
            SELECT currency, count(*)::int AS count, COALESCE(sum(amount_minor), 0) AS amount_minor FROM order_payments
            WHERE status = 'SUCCEEDED' AND business_time >= :from AND business_time < :until
            GROUP BY currency
            """)
    List<CurrencyTotal> ordersPaid(Instant from, Instant until);

    /** Order refunds that succeeded in [from, until), per currency. */
    @Query("""
            SELECT currency, count(*)::int AS count, COALESCE(sum(amount_minor), 0) AS amount_minor FROM order_refunds
            WHERE status = 'SUCCEEDED' AND business_time >= :from AND business_time < :until
            GROUP BY currency
            """)
    List<CurrencyTotal> orderRefunds(Instant from, Instant until);

    /** Units per SKU of orders paid and of boxes due in [from, until). */
    @Query("""
            SELECT line ->> 'sku' AS sku, 'ORDER' AS kind, sum((line ->> 'quantity')::bigint) AS units
            FROM order_payments p
            JOIN orders o ON o.order_id = p.order_id
            CROSS JOIN LATERAL jsonb_array_elements(o.lines) AS line
            WHERE p.status = 'SUCCEEDED' AND p.business_time >= :from AND p.business_time < :until
            GROUP BY 1
            UNION ALL
            SELECT item ->> 'sku' AS sku, 'BOX' AS kind, sum((item ->> 'quantity')::bigint) AS units
            FROM subscription_boxes b
            CROSS JOIN LATERAL jsonb_array_elements(b.items) AS item
            WHERE b.due_at >= :from AND b.due_at < :until
            GROUP BY 1
            ORDER BY 1, 2
            """)
    List<SkuUnits> skuUnits(Instant from, Instant until);

    /**
     * Every subscription's latest history row before {@code until}, with its plan's interval and its coupon (read
     * by {@link SubscriptionStatesSql#OF_LATEST}, which says why the latest rows are picked first).
     */
    @Query("""
            WITH latest AS (
                SELECT DISTINCT ON (subscription_id) subscription_id, customer_id, status, amount_minor, currency,
                    coupon_code, coupon_invoices_left, plan_id
                FROM subscription_history
                WHERE effective_at < :until
                ORDER BY subscription_id, revision DESC)
            """ + SubscriptionStatesSql.OF_LATEST)
    List<SubscriptionAtDay> statesAt(Instant until);

    /**
     * The latest history row before {@code until} of each subscription with a row in [from, until): laid over the
     * states at {@code from}, the states at {@code until} without reading every subscription's history twice.
     */
    @Query("""
            WITH changed AS (
                SELECT DISTINCT subscription_id FROM subscription_history
                WHERE effective_at >= :from AND effective_at < :until),
            latest AS (
                SELECT DISTINCT ON (l.subscription_id) l.subscription_id, l.customer_id, l.status, l.amount_minor,
                    l.currency, l.coupon_code, l.coupon_invoices_left, l.plan_id
                FROM subscription_history l JOIN changed USING (subscription_id)
                WHERE l.effective_at < :until
                ORDER BY l.subscription_id, l.revision DESC)
            """ + SubscriptionStatesSql.OF_LATEST)
    List<SubscriptionAtDay> statesChangedBetween(Instant from, Instant until);

    /**
     * Gives this transaction's sorts and hashes {@code size} of memory (e.g. {@code 64MB}): picking every
     * subscription's latest history row sorts the whole history, which spills to disk at PostgreSQL's default 4 MB
     * with 100,000 subscribers (bench rollup). Local to the transaction; answers the setting now in force.
     */
    @Query("SELECT set_config('work_mem', :size, true)")
    String useWorkMemory(String size);

    /** Customers (per currency) that were ever paying before {@code until}: a comeback is then a reactivation. */
    @Query("""
            SELECT DISTINCT customer_id, currency FROM subscription_history
            WHERE effective_at < :until AND status = 'ACTIVE' AND amount_minor > 0
              AND currency IS NOT NULL
            """)
    List<CustomerCurrency> payingBefore(Instant until);

    /** Declined charges in [from, until), per currency. */
    @Query("""
            SELECT currency, count(*)::int AS count, COALESCE(sum(amount_minor), 0) AS amount_minor FROM payments
            WHERE status = 'DECLINED' AND business_time >= :from AND business_time < :until
            GROUP BY currency
            """)
    List<CurrencyTotal> failedCharges(Instant from, Instant until);

    /** Invoices paid in [from, until) after at least one declined charge, per currency, with what was paid. */
    @Query("""
            SELECT p.currency, count(*)::int AS count, COALESCE(sum(p.amount_minor), 0) AS amount_minor
            FROM payments p
            WHERE p.status = 'SUCCEEDED' AND p.invoice_id IS NOT NULL
              AND p.business_time >= :from AND p.business_time < :until
              AND EXISTS (SELECT 1 FROM payments d WHERE d.invoice_id = p.invoice_id AND d.status = 'DECLINED')
            GROUP BY p.currency
            """)
    List<CurrencyTotal> recoveredInvoices(Instant from, Instant until);
}
