package io.perennial.billing;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

/** What a subscription period was paid and what it gave back, read across invoices, payments, refunds and credit. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PeriodReturnsRepository extends GenericRepository<CreditEntry, UUID> {

    /**
     * Serializes everything that gives back part of one period (refunds, pause credit, plan-change credit) until the
     * transaction ends. A transaction-scoped advisory lock: nothing to clean up, released on commit or rollback.
     */
    @Query("""
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(
                hashtextextended('period-returns-' || :subscriptionId || '-' || :period, 0))) held
            """)
    long lock(String subscriptionId, int period);

    /**
     * What the period was sold for: the plan, discount and proration-charge lines of its paid invoices (account
     * credit and proration credit paid part of them, and are counted as paid), plus renewals of the first engine,
     * which were charged without an invoice.
     */
    @Query("""
            SELECT COALESCE((SELECT SUM(l.amount_minor) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                    WHERE i.subscription_id = :subscriptionId AND i.period = :period AND i.status = 'PAID'
                      AND l.kind NOT IN ('ACCOUNT_CREDIT', 'PRORATION_CREDIT')), 0)
                 + COALESCE((SELECT SUM(p.amount_minor) FROM payments p
                    WHERE p.subscription_id = :subscriptionId AND p.period = :period AND p.status = 'SUCCEEDED'
                      AND p.invoice_id IS NULL), 0)
            """)
    long paid(UUID subscriptionId, int period);

    /**
     * What the period gave back or is giving back: refunds not refused, credit granted from it, and proration
     * credit for its unused time on a change invoice that was not voided.
     */
    @Query("""
            SELECT COALESCE((SELECT SUM(r.amount_minor) FROM refunds r
                    WHERE r.subscription_id = :subscriptionId AND r.period = :period
                      AND r.status IN ('PENDING', 'SUCCEEDED')), 0)
                 + COALESCE((SELECT SUM(c.amount_minor) FROM credit_entries c
                    WHERE c.subscription_id = :subscriptionId AND c.source_period = :period AND c.kind = 'GRANT'), 0)
                 + COALESCE((SELECT -SUM(l.amount_minor) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                    WHERE i.subscription_id = :subscriptionId AND l.source_period = :period
                      AND l.kind = 'PRORATION_CREDIT' AND i.status <> 'VOID'), 0)
            """)
    long returned(UUID subscriptionId, int period);
}
