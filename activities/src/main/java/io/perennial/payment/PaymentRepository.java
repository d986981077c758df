package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PaymentRepository extends CrudRepository<Payment, UUID> {

    /** Records the intent to charge; a second call with the same key changes nothing. */
    @Query("""
            INSERT INTO payments (id, idempotency_key, subscription_id, customer_id, period, purpose, amount_minor,
                currency, status, business_time, invoice_id)
            VALUES (:id, :idempotencyKey, :subscriptionId, :customerId, :period, :purpose, :amountMinor,
                :currency, 'PENDING', :businessTime, :invoiceId)
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
    void insertPending(UUID id, String idempotencyKey, UUID subscriptionId, UUID customerId, int period,
                       String purpose, long amountMinor, String currency, Instant businessTime,
                       @Nullable UUID invoiceId);

    Optional<Payment> findByIdempotencyKey(String idempotencyKey);

    /** The payment the provider knows by this id (a Stripe PaymentIntent {@code pi_…}). */
    @Query("SELECT * FROM payments WHERE gateway_reference = :gatewayReference ORDER BY created_at LIMIT 1")
    Optional<Payment> findByGatewayReference(String gatewayReference);

    /** A successful payment of the period, with or without an invoice (with invoices there may be several). */
    @Query("""
            SELECT * FROM payments WHERE subscription_id = :subscriptionId AND period = :period AND status = 'SUCCEEDED'
            ORDER BY created_at LIMIT 1
            """)
    Optional<Payment> findSucceeded(UUID subscriptionId, int period);

    @Query("SELECT * FROM payments WHERE invoice_id = :invoiceId AND status = 'SUCCEEDED'")
    Optional<Payment> findSucceededForInvoice(UUID invoiceId);

    /**
     * The successful payments of a period in the order refunds draw on them, rows locked until the transaction
     * ends: the renewal invoice's payment (or the skeleton engine's, which had no invoice) first, then others.
     *
     * @param renewalInvoiceKey {@code {subscriptionId}:{period}:renewal}
     */
    @Query("""
            SELECT p.* FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id
            WHERE p.subscription_id = :subscriptionId AND p.period = :period AND p.status = 'SUCCEEDED'
            ORDER BY (p.invoice_id IS NULL OR i.invoice_key = :renewalInvoiceKey) DESC, p.created_at
            FOR UPDATE OF p
            """)
    List<Payment> lockRefundable(UUID subscriptionId, int period, String renewalInvoiceKey);

    @Query("""
            UPDATE payments SET status = :status, decline_code = :declineCode, gateway_reference = :gatewayReference,
                updated_at = now()
            WHERE id = :id AND status IN ('PENDING', 'REQUIRES_ACTION')
            """)
    void settle(UUID id, String status, @Nullable String declineCode, @Nullable String gatewayReference);

    /** A payment that was never booked and will never be tried again; only a PENDING one. */
    @Query("UPDATE payments SET status = 'ABANDONED', updated_at = now() WHERE id = :id AND status = 'PENDING'")
    void abandon(UUID id);

    /** The payment, its row locked until the transaction ends. */
    @Query("SELECT * FROM payments WHERE id = :id FOR UPDATE")
    Optional<Payment> lock(UUID id);

    /** Charges still waiting for the provider's answer, first tried (business time) before {@code before}. */
    @Query("""
            SELECT * FROM payments WHERE status = 'PENDING' AND business_time < :before
            ORDER BY business_time LIMIT :limit
            """)
    List<Payment> findPendingSince(Instant before, int limit);

    /**
     * Charges taken for a voided invoice and not given back: no settled void refund, and not refunded in full some
     * other way.
     */
    @Query("""
            SELECT p.* FROM payments p JOIN invoices i ON i.id = p.invoice_id
            WHERE p.status = 'SUCCEEDED' AND i.status = 'VOID'
              AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.payment_id = p.id AND r.reason = 'voided_invoice'
                              AND r.status <> 'PENDING')
              AND p.amount_minor > (SELECT COALESCE(SUM(r.amount_minor), 0) FROM refunds r
                                    WHERE r.payment_id = p.id AND r.status = 'SUCCEEDED')
            ORDER BY p.business_time LIMIT :limit
            """)
    List<Payment> findTakenForVoidInvoices(int limit);

    List<Payment> findBySubscriptionIdOrderByCreatedAt(UUID subscriptionId);

    List<Payment> findByInvoiceIdOrderByCreatedAt(UUID invoiceId);
}
