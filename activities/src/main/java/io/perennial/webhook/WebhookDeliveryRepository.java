package io.perennial.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookDeliveryRepository extends GenericRepository<WebhookDelivery, String> {

    Optional<WebhookDelivery> findById(String id);

    /** A delivery per (endpoint, event) once: a relay or replay meeting it again finds it. */
    @Query("""
            INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, status)
            VALUES (:id, :endpointId, :eventId, :eventType, 'PENDING')
            ON CONFLICT (endpoint_id, event_id) DO NOTHING
            """)
    void insertOnce(String id, String endpointId, String eventId, String eventType);

    /** Deliveries whose endpoint workflow has not been told yet, held until the transaction ends. */
    @Query("""
            SELECT * FROM webhook_deliveries WHERE handed_over_at IS NULL ORDER BY seq LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """)
    List<WebhookDelivery> lockNotHandedOver(int limit);

    @Query("UPDATE webhook_deliveries SET handed_over_at = now() WHERE id = :id")
    void markHandedOver(String id);

    /** Resend: pending again, and handed to the endpoint workflow by the relay's next pass. */
    @Query("UPDATE webhook_deliveries SET status = 'PENDING', handed_over_at = NULL WHERE id = :id")
    int resend(String id);

    /** Resends every delivery to the endpoint of an event created in [since, until); returns how many. */
    @Query("""
            UPDATE webhook_deliveries d SET status = 'PENDING', handed_over_at = NULL
            FROM events e
            WHERE d.endpoint_id = :endpointId AND e.id = d.event_id AND e.created >= :since AND e.created < :until
            """)
    int resendWindow(String endpointId, Instant since, Instant until);

    @Query("""
            UPDATE webhook_deliveries SET attempts = GREATEST(attempts, :attempt), last_attempt_at = :at,
                status = CASE WHEN status = 'SUCCEEDED' OR :succeeded THEN 'SUCCEEDED' ELSE status END
            WHERE id = :id
            """)
    void recordAttempt(String id, int attempt, Instant at, boolean succeeded);

    @Query("UPDATE webhook_deliveries SET status = 'FAILED' WHERE id = :id AND status = 'PENDING'")
    void giveUp(String id);

    /** The endpoint's deliveries, newest first, after the cursor {@code beforeSeq} (null: from the newest). */
    @Query("""
            SELECT * FROM webhook_deliveries
            WHERE endpoint_id = :endpointId AND (CAST(:beforeSeq AS bigint) IS NULL OR seq < :beforeSeq)
            ORDER BY seq DESC LIMIT :limit
            """)
    List<WebhookDelivery> page(String endpointId, @Nullable Long beforeSeq, int limit);
}
