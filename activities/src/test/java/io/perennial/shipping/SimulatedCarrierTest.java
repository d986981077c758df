package io.perennial.shipping;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.inventory.StockLine;
import io.perennial.order.ShippingAddress;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micronaut.transaction.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated carrier against real PostgreSQL: one booking per shipment id, however the calls go. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedCarrierTest implements TestPropertyProvider {

    private static final ShippingAddress HOME = new ShippingAddress("Ada Lovelace", "Keizersgracht 1", null,
            "Amsterdam", "1015 CJ", "NL");

    @Inject
    ShippingActivities shipping;
    @Inject
    SimulatedCarrier carrier;
    @Inject
    JdbcOperations jdbc;
    @Inject
    SimulatedShipmentRepository shipments;
    @Inject
    SimulatedCarrierEventRepository events;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    ObjectMapper json;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    private static ShipmentRequest request(String orderId, ShippingAddress address) {
        return new ShipmentRequest(ShipmentRequest.shipmentIdFor(orderId), orderId, address,
                List.of(new StockLine("BEANS-250", 2)), Instant.parse("2027-03-01T09:00:00Z"));
    }

    @Test
    void bookingTheSameShipmentAgainAnswersTheSameBooking() {
        String orderId = "o-" + UUID.randomUUID();

        ShipmentBooking first = shipping.bookShipment(request(orderId, HOME));
        ShipmentBooking again = shipping.bookShipment(request(orderId, HOME));

        assertThat(first.carrier()).isEqualTo("SimPost");
        assertThat(first.trackingNumber()).matches("SP[0-9A-F]{12}");
        assertThat(first.labelReference()).startsWith("lbl_");
        assertThat(again).isEqualTo(first);
        assertThat(carrier.status(first.shipmentId())).contains("BOOKED");
    }

    @Test
    void twentyConcurrentBookingsOfOneShipmentMakeOneBooking() throws Exception {
        String orderId = "o-" + UUID.randomUUID();

        var outcomes = Concurrently.run(20, i -> shipping.bookShipment(request(orderId, HOME)));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        assertThat(outcomes.stream().map(outcome -> outcome.value().trackingNumber()).distinct()).hasSize(1);
        assertThat(rows(orderId)).isEqualTo(1);
    }

    @Test
    void aFlakyCarrierThatTimesOutAfterBookingIsRetriedIntoTheSameBooking() {
        SimulatedCarrier flaky = new SimulatedCarrier(shipments, events, transactions,
                new SimulatedCarrierConfiguration(0.6, Duration.ZERO, Duration.ZERO, "AQ", "PT1M,PT1M,PT1M,PT1M",
                        "0000 NP", "0000 EX", Duration.ofMillis(500), 12), json, new SystemCarrierClock());
        ShippingActivities flakyShipping = new ShippingActivitiesImpl(flaky);
        List<String> failures = new ArrayList<>();

        // Twenty orders, each booked the way Temporal's retries do: again with the same shipment id until it answers.
        for (int order = 0; order < 20; order++) {
            String orderId = "o-" + UUID.randomUUID();
            ShipmentBooking booking = null;
            for (int attempt = 0; attempt < 100 && booking == null; attempt++) {
                try {
                    booking = flakyShipping.bookShipment(request(orderId, HOME));
                } catch (ApplicationFailure failure) {
                    assertThat(failure.isNonRetryable()).isFalse();
                    failures.add(failure.getType());
                }
            }
            assertThat(booking).isNotNull();
            assertThat(rows(orderId)).isEqualTo(1);
            assertThat(shipping.bookShipment(request(orderId, HOME)).trackingNumber())
                    .isEqualTo(booking.trackingNumber());
        }
        // Some answers were lost after the carrier had booked; the retry found that booking instead of a second.
        assertThat(failures).contains(ShippingFailures.CARRIER_TIMEOUT, ShippingFailures.CARRIER_UNAVAILABLE);
    }

    @Test
    void anAddressTheCarrierDoesNotServeIsRefusedForGood() {
        ShippingAddress antarctica = new ShippingAddress("Scott", "McMurdo Station", null, "Ross Island", "0000",
                "AQ");

        assertThatThrownBy(() -> shipping.bookShipment(request("o-" + UUID.randomUUID(), antarctica)))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(ShippingFailures.SHIPMENT_REFUSED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).isEqualTo("SimPost does not deliver to AQ");
                });
    }

    @Test
    void aCanceledBookingStaysCanceledAndCancelingTwiceChangesNothing() {
        String orderId = "o-" + UUID.randomUUID();
        ShipmentBooking booking = shipping.bookShipment(request(orderId, HOME));
        ShipmentCancellation cancel = new ShipmentCancellation(booking.shipmentId(), orderId, "order undone");

        shipping.cancelShipment(cancel);
        shipping.cancelShipment(cancel);

        assertThat(carrier.status(booking.shipmentId())).contains("CANCELED");
        assertThatThrownBy(() -> shipping.bookShipment(request(orderId, HOME)))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure ->
                        assertThat(failure.getType()).isEqualTo(ShippingFailures.SHIPMENT_REFUSED));
    }

    @Test
    void aCancelBeforeAnyBookingKeepsALateBookingFromHappening() {
        String orderId = "o-" + UUID.randomUUID();

        shipping.cancelShipment(new ShipmentCancellation(ShipmentRequest.shipmentIdFor(orderId), orderId,
                "order undone"));

        assertThatThrownBy(() -> shipping.bookShipment(request(orderId, HOME)))
                .isInstanceOf(ApplicationFailure.class).hasMessageContaining("was canceled");
        assertThat(rows(orderId)).isEqualTo(1);
        assertThat(carrier.status(ShipmentRequest.shipmentIdFor(orderId))).contains("CANCELED");
    }

    private int rows(String orderId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT count(*) FROM simulated_carrier_shipments WHERE order_id = ?", statement -> {
                    statement.setString(1, orderId);
                    try (var rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                }));
    }
}
