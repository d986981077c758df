package io.perennial.order;

import io.perennial.shipping.ShipmentBooking;
import io.perennial.shipping.ShipmentCancellation;
import io.perennial.shipping.ShipmentRequest;
import io.perennial.shipping.ShippingActivities;
import io.perennial.shipping.ShippingFailures;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A carrier for workflow tests: books once per shipment id, or refuses, or is down, or answers slowly. */
public final class FakeShipping implements ShippingActivities {
    enum Mode { BOOKS, REFUSES, DOWN }

    private volatile Mode mode = Mode.BOOKS;
    private volatile CountDownLatch held;
    private final CountDownLatch bookingStarted = new CountDownLatch(1);
    private final Map<String, ShipmentBooking> booked = new ConcurrentHashMap<>();
    private final Map<String, ShipmentRequest> requests = new ConcurrentHashMap<>();
    private final List<String> canceled = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();

    FakeShipping mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** Bookings wait until {@link #answerBookings()}; the test acts while one is on its way. */
    FakeShipping holdBookings() {
        this.held = new CountDownLatch(1);
        return this;
    }

    void answerBookings() {
        held.countDown();
    }

    void awaitBookingStarted() throws InterruptedException {
        if (!bookingStarted.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no booking started");
        }
    }

    @Override
    public ShipmentBooking bookShipment(ShipmentRequest request) {
        attempts.incrementAndGet();
        bookingStarted.countDown();
        CountDownLatch wait = held;
        if (wait != null) {
            try {
                wait.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        switch (mode) {
            case REFUSES -> throw ApplicationFailure.newNonRetryableFailure(
                    "carrier does not deliver to " + request.address().countryCode(), ShippingFailures.SHIPMENT_REFUSED);
            case DOWN -> throw ApplicationFailure.newFailure("carrier answered HTTP 503",
                    ShippingFailures.CARRIER_UNAVAILABLE);
            case BOOKS -> {
            }
        }
        requests.put(request.shipmentId(), request);
        return booked.computeIfAbsent(request.shipmentId(), id -> new ShipmentBooking(id, "SimPost",
                "SP" + request.orderId().toUpperCase(), "label-" + id, request.businessTime()));
    }

    @Override
    public void cancelShipment(ShipmentCancellation cancellation) {
        canceled.add(cancellation.shipmentId());
        booked.remove(cancellation.shipmentId());
    }

    public boolean booked(String orderId) {
        return booked.containsKey(ShipmentRequest.shipmentIdFor(orderId));
    }

    ShipmentRequest request(String orderId) {
        return requests.get(ShipmentRequest.shipmentIdFor(orderId));
    }

    List<String> canceled() {
        return List.copyOf(canceled);
    }

    public int attempts() {
        return attempts.get();
    }
}
