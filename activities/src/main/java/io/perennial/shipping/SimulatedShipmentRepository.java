package io.perennial.shipping;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** The simulated carrier's book of shipments ({@code simulated_carrier_shipments}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SimulatedShipmentRepository
        extends GenericRepository<SimulatedShipmentRepository.Shipment, String> {

    /** What the book says of one shipment; a shipment canceled before it was booked has no booking. */
    @Introspected
    record Shipment(String status, @Nullable String trackingNumber, @Nullable String labelReference,
                    @Nullable Instant bookedAt) {
    }

    /** Books the shipment unless its id is known; returns 1 when this call booked it. */
    @Query("""
            INSERT INTO simulated_carrier_shipments (shipment_id, order_id, status, tracking_number,
                label_reference, address, booked_at)
            VALUES (:shipmentId, :orderId, 'BOOKED', :trackingNumber, :labelReference, CAST(:address AS jsonb),
                :bookedAt)
            ON CONFLICT (shipment_id) DO NOTHING
            """)
    int insertBooked(String shipmentId, String orderId, String trackingNumber, String labelReference, String address,
                     Instant bookedAt);

    /** Cancels a booked shipment, or records the id as canceled so a later booking of it is refused. */
    @Query("""
            INSERT INTO simulated_carrier_shipments (shipment_id, order_id, status, canceled_at, cancel_reason)
            VALUES (:shipmentId, :orderId, 'CANCELED', now(), :reason)
            ON CONFLICT (shipment_id) DO UPDATE SET status = 'CANCELED', canceled_at = now(),
                cancel_reason = EXCLUDED.cancel_reason
            WHERE simulated_carrier_shipments.status = 'BOOKED'
            """)
    int cancel(String shipmentId, String orderId, String reason);

    @Query("""
            SELECT status, tracking_number, label_reference, booked_at FROM simulated_carrier_shipments
            WHERE shipment_id = :shipmentId
            """)
    Optional<Shipment> find(String shipmentId);
}
