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
public interface OrderRefundRepository extends CrudRepository<OrderRefundRecord, UUID> {

    /** Records the intent to refund; a second call with the same key changes nothing. */
    @Query("""
            INSERT INTO order_refunds (id, refund_key, payment_id, order_id, amount_minor, currency, reason, status,
                business_time)
            VALUES (:id, :refundKey, :paymentId, :orderId, :amountMinor, :currency, :reason, 'PENDING',
                :businessTime)
            ON CONFLICT (refund_key) DO NOTHING
            """)
    void insertPending(UUID id, String refundKey, UUID paymentId, String orderId, long amountMinor,
                       String currency, String reason, Instant businessTime);

    Optional<OrderRefundRecord> findByRefundKey(String refundKey);

    /** What has been given back of a charge, or is being: its refunds not refused. */
    @Query("SELECT COALESCE(SUM(amount_minor), 0) FROM order_refunds WHERE payment_id = :paymentId AND status <> 'FAILED'")
    long refundedOrPending(UUID paymentId);

    /** Stores the provider's answer once; returns 1 when this call stored it. */
    @Query("""
            UPDATE order_refunds SET status = :status, failure_code = :failureCode,
                gateway_reference = :gatewayReference, updated_at = now()
            WHERE id = :id AND status = 'PENDING'
            """)
    int settle(UUID id, String status, @Nullable String failureCode, @Nullable String gatewayReference);

    /** Every order refund, newest first, after the row ({@code afterAt}, {@code afterId}) ending a page. */
    @Query("""
            SELECT * FROM order_refunds
            WHERE (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) < (:afterAt, :afterId))
            ORDER BY created_at DESC, id DESC
            LIMIT :limit
            """)
    List<OrderRefundRecord> findPage(@Nullable Instant afterAt, @Nullable UUID afterId, int limit);
}
