package io.perennial.shipping;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The simulated carrier's webhook sender: posts each tracking event that has fallen due (by the
 * {@link CarrierClock}) to our {@code POST /v1/webhooks/carrier}, signed with the shared secret, one shipment's
 * events in sequence. Like a real carrier it retries an event until it is answered 2xx (backoff doubling from one
 * second to five minutes, up to {@code delivery-attempts} times). Its queue is a table, so events survive a restart
 * and several workers share it (each event is taken with SKIP LOCKED). Runs where the worker runs.
 */
@Singleton
@Requires(property = "perennial.worker.enabled", notEquals = "false")
public class SimulatedCarrierWebhooks {

    private static final Logger log = LoggerFactory.getLogger(SimulatedCarrierWebhooks.class);
    private static final int MOST_PER_ROUND = 50;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final SimulatedCarrierConfiguration carrier;
    private final CarrierWebhookConfiguration webhook;
    private final CarrierWebhookTarget target;
    private final CarrierClock clock;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean warned;

    public SimulatedCarrierWebhooks(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                                    SimulatedCarrierConfiguration carrier, CarrierWebhookConfiguration webhook,
                                    CarrierWebhookTarget target, CarrierClock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.carrier = carrier;
        this.webhook = webhook;
        this.target = target;
        this.clock = clock;
        this.json = json;
    }

    private record Due(String eventId, String shipmentId, String trackingNumber, CarrierEventType type,
                       String detail, Instant dueAt, int attempts) {
    }

    @Scheduled(fixedDelay = "${perennial.carrier.simulated.dispatch-interval:500ms}", initialDelay = "1s")
    void postDueEvents() {
        Optional<URI> url = target.url();
        if (url.isEmpty() || webhook.secret() == null || webhook.secret().isBlank()) {
            if (!warned) {
                warned = true;
                log.warn("The simulated carrier keeps its tracking events: set CARRIER_WEBHOOK_URL and "
                        + "CARRIER_WEBHOOK_SECRET so it can post them");
            }
            return;
        }
        try {
            for (int i = 0; i < MOST_PER_ROUND; i++) {
                if (!postNext(url.get(), webhook.signature())) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // The database or the clock is away; the next round tries again.
            log.warn("Simulated carrier could not post its events: {}", e.getMessage());
        }
    }

    /** Posts the next due event, if there is one; false when none is due. */
    boolean postNext(URI url, CarrierWebhookSignature signature) {
        Instant now = clock.now();
        return transactions.executeWrite(status -> {
            Optional<Due> next = nextDue(now);
            if (next.isEmpty()) {
                return false;
            }
            Due event = next.get();
            String answer = post(url, signature, event);
            int attempts = event.attempts() + 1;
            if (answer == null) {
                update("UPDATE simulated_carrier_events SET attempts = ?, delivered_at = now(), last_answer = '2xx' "
                        + "WHERE event_id = ?", attempts, event.eventId());
            } else if (attempts >= carrier.deliveryAttempts()) {
                log.error("Simulated carrier gives up on event {} ({} of {}) after {} attempts: {}", event.eventId(),
                        event.type(), event.trackingNumber(), attempts, answer);
                update("UPDATE simulated_carrier_events SET attempts = ?, gave_up_at = now(), last_answer = ? "
                        + "WHERE event_id = ?", attempts, answer, event.eventId());
            } else {
                Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
                Instant retryAt = now.plus(backoff.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : backoff);
                log.info("Simulated carrier will post event {} ({} of {}) again at {}: {}", event.eventId(),
                        event.type(), event.trackingNumber(), retryAt, answer);
                update("UPDATE simulated_carrier_events SET attempts = ?, next_attempt_at = ?, last_answer = ? "
                        + "WHERE event_id = ?", attempts, Timestamp.from(retryAt), answer, event.eventId());
            }
            return true;
        });
    }

    /** Null when the webhook answered 2xx; otherwise what went wrong. */
    private String post(URI url, CarrierWebhookSignature signature, Due event) {
        try {
            byte[] body = json.writeValueAsBytes(new CarrierWebhookEvent(event.eventId(), event.shipmentId(),
                    event.trackingNumber(), event.type(), event.dueAt(), event.detail()));
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", SimulatedCarrier.NAME + "-webhooks/1")
                    // The signature's timestamp is real time, whatever the carrier's clock says: it guards against
                    // replays, and the receiver compares it with its own wall clock.
                    .header(CarrierWebhookSignature.HEADER, signature.sign(body, Instant.now()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                log.debug("Posted carrier event {} ({}) of {}", event.eventId(), event.type(), event.trackingNumber());
                return null;
            }
            return "HTTP " + response.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private Optional<Due> nextDue(Instant now) {
        return jdbc.prepareStatement("""
                SELECT e.event_id, e.shipment_id, s.tracking_number, e.type, e.detail, e.due_at, e.attempts
                FROM simulated_carrier_events e JOIN simulated_carrier_shipments s ON s.shipment_id = e.shipment_id
                WHERE e.delivered_at IS NULL AND e.gave_up_at IS NULL AND e.next_attempt_at <= ?
                  AND NOT EXISTS (SELECT 1 FROM simulated_carrier_events earlier
                                  WHERE earlier.shipment_id = e.shipment_id AND earlier.sequence < e.sequence
                                    AND earlier.delivered_at IS NULL AND earlier.gave_up_at IS NULL)
                ORDER BY e.next_attempt_at, e.sequence
                LIMIT 1
                FOR UPDATE OF e SKIP LOCKED
                """, statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Due(row.getString(1), row.getString(2), row.getString(3),
                        CarrierEventType.valueOf(row.getString(4)), row.getString(5),
                        row.getTimestamp(6).toInstant(), row.getInt(7)));
            }
        });
    }

    private void update(String sql, Object... parameters) {
        jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        });
    }
}
