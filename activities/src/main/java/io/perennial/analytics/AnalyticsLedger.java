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

    /** Every subscription's latest history row before {@code until}, with its plan's interval and its coupon. */
    @Query("""
            SELECT DISTINCT ON (h.subscription_id) h.subscription_id, h.customer_id, h.status, h.amount_minor,
                h.currency, h.coupon_code, h.coupon_invoices_left, p.interval_unit, p.interval_count,
                c.percent_off_bp, c.amount_off_minor, c.currency AS coupon_currency
            FROM subscription_history h
            JOIN plans p ON p.id = h.plan_id
            LEFT JOIN coupons c ON c.code = h.coupon_code
            WHERE h.effective_at < :until
            ORDER BY h.subscription_id, h.revision DESC
            """)
    List<SubscriptionAtDay> statesAt(Instant until);

    /** Customers (per currency) that were ever paying before {@code until}: a comeback is then a reactivation. */
    @Query("""
            SELECT DISTINCT customer_id, currency FROM subscription_history
            WHERE effective_at < :until AND status IN ('ACTIVE', 'PAST_DUE') AND amount_minor > 0
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
