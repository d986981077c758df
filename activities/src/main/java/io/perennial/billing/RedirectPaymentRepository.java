package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RedirectPaymentRepository extends GenericRepository<RedirectPaymentRecord, String> {

    /** Once per key (and per invoice, method and attempt): 0 when it exists. */
    @Query("""
            INSERT INTO redirect_payments (payment_key, invoice_id, method, attempt, amount_minor, currency, status)
            VALUES (:paymentKey, :invoiceId, :method, :attempt, :amountMinor, :currency, 'OPENING')
            ON CONFLICT DO NOTHING
            """)
    int insertOpening(String paymentKey, UUID invoiceId, String method, int attempt, long amountMinor,
                      String currency);

    Optional<RedirectPaymentRecord> findById(String paymentKey);

    /** The latest session of a method for an invoice. */
    @Query("""
            SELECT * FROM redirect_payments WHERE invoice_id = :invoiceId AND method = :method
            ORDER BY attempt DESC LIMIT 1
            """)
    Optional<RedirectPaymentRecord> findLatest(UUID invoiceId, String method);

    List<RedirectPaymentRecord> findByInvoiceIdOrderByCreatedAt(UUID invoiceId);

    /** Sessions still waiting for the customer whose provider's expiry passed before {@code before}. */
    @Query("""
            SELECT * FROM redirect_payments WHERE status = 'AWAITING_CUSTOMER' AND expires_at < :before
            ORDER BY expires_at LIMIT :limit
            """)
    List<RedirectPaymentRecord> findUnansweredExpiredBefore(Instant before, int limit);

    @Query("SELECT * FROM redirect_payments WHERE payment_key = :paymentKey FOR UPDATE")
    Optional<RedirectPaymentRecord> lock(String paymentKey);

    @Query("SELECT * FROM redirect_payments WHERE provider_reference = :reference LIMIT 1")
    Optional<RedirectPaymentRecord> findByProviderReference(String reference);

    @Query("""
            UPDATE redirect_payments SET provider_reference = :reference, redirect_url = :redirectUrl,
                expires_at = :expiresAt, status = 'AWAITING_CUSTOMER', updated_at = now()
            WHERE payment_key = :paymentKey AND status = 'OPENING'
            """)
    int opened(String paymentKey, String reference, String redirectUrl, Instant expiresAt);

    @Query("""
            UPDATE redirect_payments SET status = :status, decline_code = :declineCode, payment_id = :paymentId,
                provider_reference = COALESCE(provider_reference, :reference), updated_at = now()
            WHERE payment_key = :paymentKey
            """)
    void settle(String paymentKey, String status, @Nullable String declineCode, @Nullable UUID paymentId,
                @Nullable String reference);

    @Query("""
            UPDATE redirect_payments SET status = :status, refund_reference = :refundReference, updated_at = now()
            WHERE payment_key = :paymentKey AND status = 'REFUNDING'
            """)
    int refunded(String paymentKey, String status, @Nullable String refundReference);
}
