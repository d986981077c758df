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
public interface OrderPaymentRepository extends CrudRepository<OrderPaymentRecord, UUID> {

    /** Records the intent to charge; a second call for the same key or order changes nothing. */
    @Query("""
            INSERT INTO order_payments (id, idempotency_key, order_id, customer_id, amount_minor, currency,
                payment_method, status, business_time)
            VALUES (:id, :idempotencyKey, :orderId, :customerId, :amountMinor, :currency,
                :paymentMethod, 'PENDING', :businessTime)
            ON CONFLICT DO NOTHING
            """)
    void insertPending(UUID id, String idempotencyKey, String orderId, UUID customerId, long amountMinor,
                       String currency, String paymentMethod, Instant businessTime);

    Optional<OrderPaymentRecord> findByIdempotencyKey(String idempotencyKey);

    /** The charge's row, locked until the transaction ends (refunds of one charge are recorded one at a time). */
    @Query("SELECT * FROM order_payments WHERE id = :id FOR UPDATE")
    Optional<OrderPaymentRecord> lock(UUID id);

    /** By the provider's id of the charge ({@code pi_…}). */
    @Query("SELECT * FROM order_payments WHERE gateway_reference = :gatewayReference LIMIT 1")
    Optional<OrderPaymentRecord> findByGatewayReference(String gatewayReference);

    /**
     * Stores the provider's answer once it is final; a charge waiting for the customer (REQUIRES_ACTION) takes the
     * answer they gave. Returns 1 when this call stored it.
     */
    @Query("""
            UPDATE order_payments SET status = :status, decline_code = :declineCode,
                gateway_reference = :gatewayReference, updated_at = now()
            WHERE id = :id AND status IN ('PENDING', 'REQUIRES_ACTION')
            """)
    int settle(UUID id, String status, @Nullable String declineCode, @Nullable String gatewayReference);

    /** Charges still PENDING whose first try was at or before {@code before} (business time), oldest first. */
    @Query("""
            SELECT * FROM order_payments WHERE status = 'PENDING' AND business_time <= :before
            ORDER BY business_time, id LIMIT :limit
            """)
    List<OrderPaymentRecord> findPendingSince(Instant before, int limit);

    /**
     * Charges that took money for an order that ended without going through (canceled, failed, no stock) and were
     * not given back: no refund paid out or refused for them, oldest first.
     */
    @Query("""
            SELECT p.* FROM order_payments p JOIN orders o ON o.order_id = p.order_id
            WHERE p.status = 'SUCCEEDED' AND o.status IN ('CANCELED', 'CANCELED_BACKORDER', 'FAILED')
                AND NOT EXISTS (SELECT 1 FROM order_refunds r
                                WHERE r.payment_id = p.id AND r.status IN ('SUCCEEDED', 'FAILED'))
            ORDER BY p.business_time, p.id LIMIT :limit
            """)
    List<OrderPaymentRecord> findTakenForEndedOrders(int limit);

    /** A PENDING charge the provider never booked, for an order that ended: off the books, never tried again. */
    @Query("""
            UPDATE order_payments SET status = 'ABANDONED', updated_at = now()
            WHERE id = :id AND status = 'PENDING'
            """)
    int abandon(UUID id);

    /**
     * The provider took money under a charge our ledger holds as DECLINED or ABANDONED (the customer approved after
     * the order stopped waiting): recorded as SUCCEEDED with the provider's reference, the earlier decline code kept
     * as what the order saw. Returns 1 when this call recorded it.
     */
    @Query("""
            UPDATE order_payments SET status = 'SUCCEEDED', gateway_reference = :gatewayReference, updated_at = now()
            WHERE id = :id AND status IN ('DECLINED', 'ABANDONED')
            """)
    int recordLateApproval(UUID id, String gatewayReference);
}
