package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
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
}
