package io.perennial.shipping;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** The carrier events our webhook accepted ({@code carrier_webhook_events}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CarrierWebhookEventRepository extends GenericRepository<CarrierWebhookEvent, String> {

    @Query("""
            INSERT INTO carrier_webhook_events (event_id, tracking_number, order_id, type, occurred_at)
            VALUES (:eventId, :trackingNumber, :orderId, :type, :occurredAt)
            ON CONFLICT (event_id) DO UPDATE SET deliveries = carrier_webhook_events.deliveries + 1
            """)
    void recordDelivery(String eventId, String trackingNumber, String orderId, String type, Instant occurredAt);

    /**
     * One statement, so the claim and the look at {@code signalled_at} are taken together: exactly one of concurrent
     * callers updates the row, the others see its claim. The answer is one column
     * (a {@link CarrierWebhookInbox.Claim} name) because Micronaut Data reads an UPDATE ... RETURNING statement's
     * result as a single value. A claim older than 60 seconds (longer
     * than a signal can take under the API's Temporal deadlines) belongs to a delivery that died, and is taken over.
     */
    @Query("""
            WITH claimed AS (
                UPDATE carrier_webhook_events SET claimed_at = clock_timestamp()
                WHERE event_id = :eventId AND signalled_at IS NULL
                  AND (claimed_at IS NULL OR claimed_at < clock_timestamp() - interval '60 seconds')
                RETURNING event_id)
            SELECT CASE WHEN EXISTS (SELECT 1 FROM claimed) THEN 'CLAIMED'
                        WHEN (SELECT signalled_at IS NOT NULL FROM carrier_webhook_events WHERE event_id = :eventId)
                        THEN 'SIGNALLED'
                        ELSE 'IN_FLIGHT' END
            """)
    String claim(String eventId);

    @Query("UPDATE carrier_webhook_events SET claimed_at = NULL WHERE event_id = :eventId AND signalled_at IS NULL")
    int release(String eventId);

    @Query("UPDATE carrier_webhook_events SET signalled_at = now() WHERE event_id = :eventId AND signalled_at IS NULL")
    int markSignalled(String eventId);

    @Query("SELECT deliveries FROM carrier_webhook_events WHERE event_id = :eventId")
    Optional<Integer> findDeliveries(String eventId);
}
