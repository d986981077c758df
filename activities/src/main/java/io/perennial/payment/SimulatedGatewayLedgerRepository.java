package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** The simulated provider's books: {@code simulated_gateway_charges} and {@code simulated_gateway_refunds}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SimulatedGatewayLedgerRepository extends GenericRepository<SimulatedLedgerEntry, String> {

    @Query("""
            INSERT INTO simulated_gateway_charges (reference, idempotency_key, amount_minor, currency,
                payment_method, outcome, decline_code)
            VALUES (:reference, :idempotencyKey, :amountMinor, :currency, :paymentMethod, :outcome, :declineCode)
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
    void insertChargeOnce(String reference, String idempotencyKey, long amountMinor, String currency,
                          String paymentMethod, String outcome, @Nullable String declineCode);

    @Query("""
            SELECT reference, outcome, decline_code AS code FROM simulated_gateway_charges
            WHERE idempotency_key = :idempotencyKey
            """)
    Optional<SimulatedLedgerEntry> findCharge(String idempotencyKey);

    /**
     * Settles a charge still waiting for authentication ({@code authentication_required}) with {@code outcome} and
     * {@code code}; one that is not waiting (answered, closed) is left as it is. Returns rows changed.
     */
    @Query("""
            UPDATE simulated_gateway_charges SET outcome = :outcome, decline_code = :code
            WHERE idempotency_key = :idempotencyKey AND outcome = 'DECLINED' AND decline_code = 'authentication_required'
            """)
    int answerAuthentication(String idempotencyKey, String outcome, @Nullable String code);

    @Query("""
            SELECT count(*) FROM simulated_gateway_charges
            WHERE idempotency_key LIKE :pattern AND outcome = 'SUCCEEDED'
            """)
    long countSucceededCharges(String pattern);

    /** The charge and what was refunded of it, its row locked until the transaction ends. */
    @Query("""
            SELECT c.amount_minor, c.currency, c.outcome,
                (SELECT COALESCE(SUM(r.amount_minor), 0) FROM simulated_gateway_refunds r
                 WHERE r.charge_reference = c.reference AND r.outcome = 'SUCCEEDED') AS refunded
            FROM simulated_gateway_charges c WHERE c.reference = :chargeReference FOR UPDATE OF c
            """)
    Optional<SimulatedChargeBalance> lockCharge(String chargeReference);

    @Query("""
            INSERT INTO simulated_gateway_refunds (reference, idempotency_key, charge_reference, amount_minor,
                currency, outcome, failure_code)
            VALUES (:reference, :idempotencyKey, :chargeReference, :amountMinor, :currency, :outcome, :failureCode)
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
    void insertRefundOnce(String reference, String idempotencyKey, String chargeReference, long amountMinor,
                          String currency, String outcome, @Nullable String failureCode);

    @Query("""
            SELECT reference, outcome, failure_code AS code FROM simulated_gateway_refunds
            WHERE idempotency_key = :idempotencyKey
            """)
    Optional<SimulatedLedgerEntry> findRefund(String idempotencyKey);

    @Query("""
            SELECT count(*) AS count, COALESCE(SUM(amount_minor), 0) AS amount_minor FROM simulated_gateway_refunds
            WHERE idempotency_key LIKE :pattern AND outcome = 'SUCCEEDED'
            """)
    SimulatedGatewayLedger.RefundTotals refundTotals(String pattern);
}
