package io.perennial.shipping;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A parcel carrier ("SimPost") that behaves like a real one: it keeps its own book of shipments
 * ({@code simulated_carrier_shipments}), is idempotent by shipment id, refuses countries it does not serve, takes
 * time to answer, and sometimes answers 503 or times out, sometimes after it has booked (so a retry must find the
 * booking rather than make another). A canceled shipment id stays canceled.
 */
@Singleton
public class SimulatedCarrier implements Carrier {

    public static final String NAME = "SimPost";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final SimulatedCarrierConfiguration configuration;
    private final ObjectMapper json;

    public SimulatedCarrier(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                            SimulatedCarrierConfiguration configuration, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.configuration = configuration;
        this.json = json;
    }

    @Override
    public ShipmentBooking book(ShipmentRequest request) {
        double roll = callCarrier();
        if (roll < configuration.transientFailureRate() / 2) {
            throw new CarrierUnavailableException(ShippingFailures.CARRIER_UNAVAILABLE, "carrier answered HTTP 503");
        }
        ShipmentBooking booking = transactions.executeWrite(status -> bookOnce(request));
        if (roll < configuration.transientFailureRate()) {
            sleep(configuration.timeout());
            throw new CarrierUnavailableException(ShippingFailures.CARRIER_TIMEOUT, "carrier did not answer in time");
        }
        return booking;
    }

    @Override
    public void cancel(ShipmentCancellation cancellation) {
        double roll = callCarrier();
        if (roll < configuration.transientFailureRate() / 2) {
            throw new CarrierUnavailableException(ShippingFailures.CARRIER_UNAVAILABLE, "carrier answered HTTP 503");
        }
        transactions.executeWrite(status -> jdbc.prepareStatement("""
                INSERT INTO simulated_carrier_shipments (shipment_id, order_id, status, canceled_at, cancel_reason)
                VALUES (?, ?, 'CANCELED', now(), ?)
                ON CONFLICT (shipment_id) DO UPDATE SET status = 'CANCELED', canceled_at = now(),
                    cancel_reason = EXCLUDED.cancel_reason
                WHERE simulated_carrier_shipments.status = 'BOOKED'
                """, statement -> {
            statement.setString(1, cancellation.shipmentId());
            statement.setString(2, cancellation.orderId());
            statement.setString(3, cancellation.reason());
            return statement.executeUpdate();
        }));
    }

    /** What the carrier's book says of a shipment: BOOKED or CANCELED, or empty when it never heard of it. */
    public Optional<String> status(String shipmentId) {
        return transactions.executeRead(status -> find(shipmentId).map(row -> row.status));
    }

    private ShipmentBooking bookOnce(ShipmentRequest request) {
        if (configuration.unserved().contains(request.address().countryCode())) {
            throw new ShipmentRefusedException(NAME + " does not deliver to " + request.address().countryCode());
        }
        jdbc.prepareStatement("""
                INSERT INTO simulated_carrier_shipments (shipment_id, order_id, status, tracking_number,
                    label_reference, address, booked_at)
                VALUES (?, ?, 'BOOKED', ?, ?, CAST(? AS jsonb), ?)
                ON CONFLICT (shipment_id) DO NOTHING
                """, statement -> {
            statement.setString(1, request.shipmentId());
            statement.setString(2, request.orderId());
            statement.setString(3, "SP" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    .toUpperCase(Locale.ROOT));
            statement.setString(4, "lbl_" + UUID.randomUUID().toString().replace("-", ""));
            statement.setString(5, write(request.address()));
            statement.setTimestamp(6, Timestamp.from(Instant.now()));
            return statement.executeUpdate();
        });
        Row row = find(request.shipmentId()).orElseThrow();
        if (!row.status.equals("BOOKED")) {
            throw new ShipmentRefusedException("shipment " + request.shipmentId() + " was canceled");
        }
        return new ShipmentBooking(request.shipmentId(), NAME, row.trackingNumber, row.labelReference, row.bookedAt);
    }

    private Optional<Row> find(String shipmentId) {
        return jdbc.prepareStatement("SELECT status, tracking_number, label_reference, booked_at "
                + "FROM simulated_carrier_shipments WHERE shipment_id = ?", statement -> {
            statement.setString(1, shipmentId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Timestamp bookedAt = rows.getTimestamp(4);
                return Optional.of(new Row(rows.getString(1), rows.getString(2), rows.getString(3),
                        bookedAt == null ? null : bookedAt.toInstant()));
            }
        });
    }

    private record Row(String status, String trackingNumber, String labelReference, Instant bookedAt) {
    }

    /** The network: latency, and a roll of the dice the caller compares with the failure rate. */
    private double callCarrier() {
        sleep(configuration.latency());
        return ThreadLocalRandom.current().nextDouble();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierUnavailableException(ShippingFailures.CARRIER_TIMEOUT, "interrupted waiting for the carrier");
        }
    }
}
