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
                currency, status, business_time)
            VALUES (:id, :idempotencyKey, :subscriptionId, :customerId, :period, :purpose, :amountMinor,
                :currency, 'PENDING', :businessTime)
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
    void insertPending(UUID id, String idempotencyKey, UUID subscriptionId, UUID customerId, int period,
                       String purpose, long amountMinor, String currency, Instant businessTime);

    Optional<Payment> findByIdempotencyKey(String idempotencyKey);

    @Query("SELECT * FROM payments WHERE subscription_id = :subscriptionId AND period = :period AND status = 'SUCCEEDED'")
    Optional<Payment> findSucceeded(UUID subscriptionId, int period);

    @Query("""
            UPDATE payments SET status = :status, decline_code = :declineCode, gateway_reference = :gatewayReference,
                updated_at = now()
            WHERE id = :id AND status = 'PENDING'
            """)
    void settle(UUID id, String status, @Nullable String declineCode, @Nullable String gatewayReference);

    List<Payment> findBySubscriptionIdOrderByCreatedAt(UUID subscriptionId);
}
