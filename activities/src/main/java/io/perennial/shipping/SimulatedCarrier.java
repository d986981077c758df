package io.perennial.shipping;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A parcel carrier ("SimPost") that behaves like a real one: it keeps its own book of shipments
 * ({@code simulated_carrier_shipments}), is idempotent by shipment id, refuses countries it does not serve, takes
 * time to answer, and sometimes answers 503 or times out, sometimes after it has booked (so a retry must find the
 * booking rather than make another). A canceled shipment id stays canceled. A new booking schedules its tracking
 * events (picked up, in transit, out for delivery, delivered; or none for a missed pickup, or an exception on the
 * way), which {@link SimulatedCarrierWebhooks} posts to our webhook as they fall due by the {@link CarrierClock}.
 */
@Singleton
public class SimulatedCarrier implements Carrier {

    public static final String NAME = "SimPost";

    private final SimulatedShipmentRepository shipments;
    private final SimulatedCarrierEventRepository events;
    private final TransactionOperations<Connection> transactions;
    private final SimulatedCarrierConfiguration configuration;
    private final ObjectMapper json;
    private final CarrierClock clock;

    public SimulatedCarrier(SimulatedShipmentRepository shipments, SimulatedCarrierEventRepository events,
                            TransactionOperations<Connection> transactions, SimulatedCarrierConfiguration configuration,
                            ObjectMapper json, CarrierClock clock) {
        this.shipments = shipments;
        this.events = events;
        this.transactions = transactions;
        this.configuration = configuration;
        this.json = json;
        this.clock = clock;
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
        transactions.executeWrite(status -> {
            int canceled = shipments.cancel(cancellation.shipmentId(), cancellation.orderId(), cancellation.reason());
            // A canceled parcel goes nowhere: its tracking events are never sent.
            events.giveUpShipment(cancellation.shipmentId());
            return canceled;
        });
    }

    /** What the carrier's book says of a shipment: BOOKED or CANCELED, or empty when it never heard of it. */
    public Optional<String> status(String shipmentId) {
        return transactions.executeRead(status -> shipments.find(shipmentId).map(SimulatedShipmentRepository.Shipment::status));
    }

    private ShipmentBooking bookOnce(ShipmentRequest request) {
        if (configuration.unserved().contains(request.address().countryCode())) {
            throw new ShipmentRefusedException(NAME + " does not deliver to " + request.address().countryCode());
        }
        Instant bookedAt = clock.now();
        int booked = shipments.insertBooked(request.shipmentId(), request.orderId(),
                "SP" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT),
                "lbl_" + UUID.randomUUID().toString().replace("-", ""), write(request.address()), bookedAt);
        if (booked == 1) {
            scheduleEvents(request, bookedAt);
        }
        SimulatedShipmentRepository.Shipment row = shipments.find(request.shipmentId()).orElseThrow();
        if (!row.status().equals("BOOKED")) {
            throw new ShipmentRefusedException("shipment " + request.shipmentId() + " was canceled");
        }
        return new ShipmentBooking(request.shipmentId(), NAME, row.trackingNumber(), row.labelReference(),
                row.bookedAt());
    }

    /** What the parcel will go through, each step due a configured delay after the one before. */
    private void scheduleEvents(ShipmentRequest request, Instant bookedAt) {
        String postalCode = request.address().postalCode();
        if (configuration.missesPickup(postalCode)) {
            return;
        }
        List<Duration> delays = configuration.delays();
        List<Object[]> steps = new ArrayList<>();
        steps.add(new Object[]{CarrierEventType.PICKED_UP, null, delays.get(0)});
        steps.add(new Object[]{CarrierEventType.IN_TRANSIT, "at the sorting centre", delays.get(1)});
        if (configuration.hitsException(postalCode)) {
            steps.add(new Object[]{CarrierEventType.EXCEPTION, "address not found; delivery tried again tomorrow",
                    delays.get(2)});
        }
        steps.add(new Object[]{CarrierEventType.OUT_FOR_DELIVERY, null, delays.get(2)});
        steps.add(new Object[]{CarrierEventType.DELIVERED, "handed to the recipient", delays.get(3)});
        Instant due = bookedAt;
        int sequence = 0;
        for (Object[] step : steps) {
            due = due.plus((Duration) step[2]);
            sequence++;
            events.insertScheduled("evt_" + UUID.randomUUID().toString().replace("-", ""), request.shipmentId(),
                    sequence, ((CarrierEventType) step[0]).name(), (String) step[1], due);
        }
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
