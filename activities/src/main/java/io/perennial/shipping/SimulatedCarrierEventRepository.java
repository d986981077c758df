package io.perennial.shipping;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** The tracking events the simulated carrier will post to our webhook ({@code simulated_carrier_events}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SimulatedCarrierEventRepository
        extends GenericRepository<SimulatedCarrierEventRepository.Due, String> {

    /** An event due for posting, with its shipment's tracking number. */
    @Introspected
    record Due(String eventId, String shipmentId, String trackingNumber, CarrierEventType type,
               @Nullable String detail, Instant dueAt, int attempts) {
    }

    @Query("""
            INSERT INTO simulated_carrier_events (event_id, shipment_id, sequence, type, detail, due_at,
                next_attempt_at)
            VALUES (:eventId, :shipmentId, :sequence, :type, :detail, :dueAt, :dueAt)
            """)
    void insertScheduled(String eventId, String shipmentId, int sequence, String type, @Nullable String detail,
                         Instant dueAt);

    /** A canceled parcel goes nowhere: its events not yet posted are never sent. */
    @Query("""
            UPDATE simulated_carrier_events SET gave_up_at = now(), last_answer = 'shipment canceled'
            WHERE shipment_id = :shipmentId AND delivered_at IS NULL AND gave_up_at IS NULL
            """)
    int giveUpShipment(String shipmentId);

    /**
     * The next event due by {@code now} whose earlier events are all posted or given up, its row locked until the
     * transaction ends; SKIP LOCKED lets several workers share the queue.
     */
    @Query("""
            SELECT e.event_id, e.shipment_id, s.tracking_number, e.type, e.detail, e.due_at, e.attempts
            FROM simulated_carrier_events e JOIN simulated_carrier_shipments s ON s.shipment_id = e.shipment_id
            WHERE e.delivered_at IS NULL AND e.gave_up_at IS NULL AND e.next_attempt_at <= :now
              AND NOT EXISTS (SELECT 1 FROM simulated_carrier_events earlier
                              WHERE earlier.shipment_id = e.shipment_id AND earlier.sequence < e.sequence
                                AND earlier.delivered_at IS NULL AND earlier.gave_up_at IS NULL)
            ORDER BY e.next_attempt_at, e.sequence
            LIMIT 1
            FOR UPDATE OF e SKIP LOCKED
            """)
    Optional<Due> lockNextDue(Instant now);

    @Query("""
            UPDATE simulated_carrier_events SET attempts = :attempts, delivered_at = now(), last_answer = '2xx'
            WHERE event_id = :eventId
            """)
    int delivered(String eventId, int attempts);

    @Query("""
            UPDATE simulated_carrier_events SET attempts = :attempts, gave_up_at = now(), last_answer = :answer
            WHERE event_id = :eventId
            """)
    int gaveUp(String eventId, int attempts, String answer);

    @Query("""
            UPDATE simulated_carrier_events SET attempts = :attempts, next_attempt_at = :retryAt,
                last_answer = :answer
            WHERE event_id = :eventId
            """)
    int retryAt(String eventId, int attempts, Instant retryAt, String answer);
}
