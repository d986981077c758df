package io.perennial.shipping;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.inventory.StockLine;
import io.perennial.order.ShippingAddress;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated carrier's webhooks against real PostgreSQL and a real HTTP endpoint: a booking schedules the
 * parcel's events by the carrier's clock, each is posted signed and in sequence, and one that is not answered 2xx
 * is posted again (the same event id) after a backoff.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedCarrierWebhooksTest implements TestPropertyProvider {

    private static final String SECRET = "simulated-carrier-test-secret-0123456789abcdef";
    /** Long ago, so events other tests schedule by the real clock never fall due on this clock. */
    private static final Instant START = Instant.parse("2020-01-06T09:00:00Z");

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

    private final AtomicReference<Instant> clock = new AtomicReference<>(START);
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private HttpServer server;
    private SimulatedCarrier carrier;
    private SimulatedCarrierWebhooks webhooks;

    private record Received(String signature, String body) {
    }

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeAll
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/webhooks/carrier", exchange -> {
            synchronized (received) {
                received.add(new Received(exchange.getRequestHeaders().getFirst(CarrierWebhookSignature.HEADER),
                        new String(exchange.getRequestBody().readAllBytes())));
            }
            int status;
            synchronized (answers) {
                status = answers.isEmpty() ? 200 : answers.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        SimulatedCarrierConfiguration configuration = new SimulatedCarrierConfiguration(0, Duration.ZERO,
                Duration.ZERO, "AQ", "PT1M,PT10M,PT10M,PT10M", "0000 NP", "0000 EX", Duration.ofMillis(500), 3);
        CarrierWebhookConfiguration webhook = new CarrierWebhookConfiguration(SECRET, Duration.ofMinutes(5),
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/webhooks/carrier");
        carrier = new SimulatedCarrier(shipments, events, transactions, configuration, json, clock::get);
        webhooks = new SimulatedCarrierWebhooks(events, transactions, configuration, webhook,
                new CarrierWebhookTarget(webhook), clock::get, json);
    }

    @AfterAll
    void stop() {
        server.stop(0);
    }

    private ShipmentBooking book(String postalCode) {
        String orderId = "o-" + UUID.randomUUID();
        return carrier.book(new ShipmentRequest(ShipmentRequest.shipmentIdFor(orderId), orderId,
                new ShippingAddress("Ada", "Keizersgracht 1", null, "Amsterdam", postalCode, "NL"),
                List.of(new StockLine("BEANS-250", 1)), START));
    }

    private boolean postNext() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/webhooks/carrier");
        return webhooks.postNext(url, new CarrierWebhookSignature(SECRET));
    }

    private Map<String, Object> read(String body) throws IOException {
        return json.readValue(body, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
    }

    private void advance(Duration by) {
        clock.updateAndGet(now -> now.plus(by));
    }

    private void postAllDue() {
        while (postNext()) {
            // next
        }
    }

    @Test
    void aBookedParcelsEventsArePostedSignedInSequenceAndAnEventNotAnswered2xxIsPostedAgain() throws Exception {
        clock.set(START);
        received.clear();
        ShipmentBooking booking = book("1015 CJ");
        assertThat(postNext()).as("nothing is due at the booking").isFalse();

        advance(Duration.ofMinutes(1));
        answers.add(503);
        assertThat(postNext()).isTrue();
        assertThat(received).hasSize(1);
        assertThat(postNext()).as("the retry waits for its backoff").isFalse();

        advance(Duration.ofSeconds(2));
        assertThat(postNext()).isTrue();
        assertThat(received).hasSize(2);
        Map<String, Object> first = read(received.get(0).body());
        Map<String, Object> retried = read(received.get(1).body());
        assertThat(retried.get("eventId")).isEqualTo(first.get("eventId"));
        assertThat(first).containsEntry("type", "PICKED_UP").containsEntry("trackingNumber", booking.trackingNumber())
                .containsEntry("shipmentId", booking.shipmentId());

        advance(Duration.ofHours(1));
        postAllDue();
        assertThat(received).hasSize(5);
        List<Object> types = new ArrayList<>();
        for (Received request : received) {
            CarrierWebhookSignature ours = new CarrierWebhookSignature(SECRET);
            assertThat(ours.verify(request.signature(), request.body().getBytes(), Instant.now(),
                    Duration.ofMinutes(1)))
                    .as("signed with the shared secret, timestamped now").isEmpty();
            types.add(read(request.body()).get("type"));
        }
        assertThat(types).containsExactly("PICKED_UP", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
    }

    @Test
    void aCarrierThatIsRefusedEveryTimeGivesUpAfterItsAttemptsAndMovesOnToTheNextEvent() {
        clock.set(START.plus(Duration.ofDays(10)));
        received.clear();
        book("1015 CJ");
        advance(Duration.ofMinutes(1));
        answers.addAll(List.of(500, 500, 500));
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(postNext()).isTrue();
            advance(Duration.ofMinutes(1));
        }
        answers.clear();
        advance(Duration.ofHours(1));
        postAllDue();
        assertThat(received).hasSize(6);
    }

    @Test
    void aParcelThatIsNeverPickedUpSendsNothingAndACanceledOneStopsSending() {
        clock.set(START.plus(Duration.ofDays(20)));
        received.clear();
        book("0000 NP");
        ShipmentBooking canceled = book("1015 CJ");
        carrier.cancel(new ShipmentCancellation(canceled.shipmentId(), "o", "order undone"));
        advance(Duration.ofDays(1));
        postAllDue();
        assertThat(received).isEmpty();
    }

    @Test
    void aParcelToAnExceptionPostalCodeReportsTheExceptionAndIsStillDelivered() throws Exception {
        clock.set(START.plus(Duration.ofDays(30)));
        received.clear();
        book("0000 EX");
        advance(Duration.ofDays(1));
        postAllDue();
        List<Object> types = new ArrayList<>();
        for (Received request : received) {
            types.add(read(request.body()).get("type"));
        }
        assertThat(types).containsExactly("PICKED_UP", "IN_TRANSIT", "EXCEPTION", "OUT_FOR_DELIVERY", "DELIVERED");
    }
}
