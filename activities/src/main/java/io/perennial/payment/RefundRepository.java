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
public interface RefundRepository extends CrudRepository<Refund, UUID> {

    @Query("""
            INSERT INTO refunds (id, refund_key, payment_id, subscription_id, period, amount_minor, currency, reason,
                status, business_time)
            VALUES (:id, :refundKey, :paymentId, :subscriptionId, :period, :amountMinor, :currency, :reason,
                'PENDING', :businessTime)
            """)
    void insertPending(UUID id, String refundKey, UUID paymentId, UUID subscriptionId, int period, long amountMinor,
                       String currency, String reason, Instant businessTime);

    Optional<Refund> findByRefundKey(String refundKey);

    /** What is given back or on its way back of a payment: succeeded and pending refunds. */
    @Query("""
            SELECT COALESCE(SUM(amount_minor), 0) FROM refunds
            WHERE payment_id = :paymentId AND status IN ('PENDING', 'SUCCEEDED')
            """)
    long refundedOrPending(UUID paymentId);

    @Query("""
            UPDATE refunds SET status = :status, failure_code = :failureCode, gateway_reference = :gatewayReference,
                updated_at = now()
            WHERE id = :id AND status = 'PENDING'
            """)
    void settle(UUID id, String status, @Nullable String failureCode, @Nullable String gatewayReference);

    List<Refund> findBySubscriptionIdOrderByCreatedAt(UUID subscriptionId);

    /** Every subscription refund, newest first, after the row ({@code afterAt}, {@code afterId}) ending a page. */
    @Query("""
            SELECT * FROM refunds
            WHERE (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) < (:afterAt, :afterId))
            ORDER BY created_at DESC, id DESC
            LIMIT :limit
            """)
    List<Refund> findPage(@Nullable Instant afterAt, @Nullable UUID afterId, int limit);
}
