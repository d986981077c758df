package io.perennial.payment;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/**
 * The simulated provider's redirect page (Alipay, WeChat Pay), where the customer approves or fails a payment: it
 * writes the simulated provider's ledger as the customer's browser writes Alipay's. The worker's gateway opens the
 * sessions; the API's page answers them and then delivers the provider's event, as the authentication page does
 * ({@link AuthenticationPageRepository}). The API never calls the gateway itself.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RedirectPageRepository extends GenericRepository<RedirectPageSession, String> {

    /** Opens a session once per key: 0 when the key has one already. */
    @Query("""
            INSERT INTO simulated_redirect_sessions (reference, idempotency_key, method, amount_minor, currency,
                return_url, expires_at, status)
            VALUES (:reference, :idempotencyKey, :method, :amountMinor, :currency, :returnUrl, :expiresAt,
                'AWAITING_CUSTOMER')
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
    int open(String reference, String idempotencyKey, String method, long amountMinor, String currency,
             String returnUrl, Instant expiresAt);

    Optional<RedirectPageSession> findById(String reference);

    Optional<RedirectPageSession> findByIdempotencyKey(String idempotencyKey);

    /**
     * The customer's answer, at {@code at} on the provider's clock: SUCCEEDED or FAILED, or EXPIRED when the session
     * ran out before they answered. A session already answered is left as it is. Returns the rows changed (0 or 1).
     */
    @Query("""
            UPDATE simulated_redirect_sessions
            SET status = CASE WHEN expires_at <= :at THEN 'EXPIRED' WHEN :approved THEN 'SUCCEEDED' ELSE 'FAILED' END,
                answered_at = :at
            WHERE reference = :reference AND status = 'AWAITING_CUSTOMER'
            """)
    int answer(String reference, boolean approved, Instant at);

    /**
     * Books an approved session as a charge of the provider's ledger under the session's reference, once: what the
     * provider took, which a refund can give back and {@code findCharge} finds by key.
     */
    @Query("""
            INSERT INTO simulated_gateway_charges (reference, idempotency_key, amount_minor, currency, payment_method,
                outcome)
            SELECT reference, idempotency_key, amount_minor, currency, method, 'SUCCEEDED'
            FROM simulated_redirect_sessions WHERE reference = :reference AND status = 'SUCCEEDED'
            ON CONFLICT DO NOTHING
            """)
    int bookApproved(String reference);
}
