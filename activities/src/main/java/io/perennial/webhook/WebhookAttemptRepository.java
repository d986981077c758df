package io.perennial.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookAttemptRepository extends GenericRepository<WebhookAttempt, UUID> {

    /** Once per (delivery, attempt): a retried activity finds its attempt recorded. */
    @Query("""
            INSERT INTO webhook_delivery_attempts (id, delivery_id, attempt, attempted_at, status_code, latency_millis,
                response_excerpt, error)
            VALUES (:id, :deliveryId, :attempt, :attemptedAt, :statusCode, :latencyMillis, :responseExcerpt, :error)
            ON CONFLICT (delivery_id, attempt) DO NOTHING
            """)
    void insertOnce(UUID id, String deliveryId, int attempt, Instant attemptedAt, @Nullable Integer statusCode,
                    long latencyMillis, @Nullable String responseExcerpt, @Nullable String error);

    @Query("SELECT * FROM webhook_delivery_attempts WHERE delivery_id IN (:deliveryIds) ORDER BY attempted_at, attempt")
    List<WebhookAttempt> findByDeliveryIds(Collection<String> deliveryIds);
}
