package io.perennial.shipping;

import io.micronaut.context.annotation.Requires;
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

    private final SimulatedCarrierEventRepository events;
    private final TransactionOperations<Connection> transactions;
    private final SimulatedCarrierConfiguration carrier;
    private final CarrierWebhookConfiguration webhook;
    private final CarrierWebhookTarget target;
    private final CarrierClock clock;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean warned;

    public SimulatedCarrierWebhooks(SimulatedCarrierEventRepository events,
                                    TransactionOperations<Connection> transactions,
                                    SimulatedCarrierConfiguration carrier, CarrierWebhookConfiguration webhook,
                                    CarrierWebhookTarget target, CarrierClock clock, ObjectMapper json) {
        this.events = events;
        this.transactions = transactions;
        this.carrier = carrier;
        this.webhook = webhook;
        this.target = target;
        this.clock = clock;
        this.json = json;
    }

    @Scheduled(fixedDelay = "${perennial.carrier.simulated.dispatch-interval:500ms}", initialDelay = "1s")
    void postDueEvents() {
        if (!target.ready()) {
            return;
        }
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
            Optional<SimulatedCarrierEventRepository.Due> next = events.lockNextDue(now);
            if (next.isEmpty()) {
                return false;
            }
            SimulatedCarrierEventRepository.Due event = next.get();
            String answer = post(url, signature, event);
            int attempts = event.attempts() + 1;
            if (answer == null) {
                events.delivered(event.eventId(), attempts);
            } else if (attempts >= carrier.deliveryAttempts()) {
                log.error("Simulated carrier gives up on event {} ({} of {}) after {} attempts: {}", event.eventId(),
                        event.type(), event.trackingNumber(), attempts, answer);
                events.gaveUp(event.eventId(), attempts, answer);
            } else {
                Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
                Instant retryAt = now.plus(backoff.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : backoff);
                log.info("Simulated carrier will post event {} ({} of {}) again at {}: {}", event.eventId(),
                        event.type(), event.trackingNumber(), retryAt, answer);
                events.retryAt(event.eventId(), attempts, retryAt, answer);
            }
            return true;
        });
    }

    /** Null when the webhook answered 2xx; otherwise what went wrong. */
    private String post(URI url, CarrierWebhookSignature signature, SimulatedCarrierEventRepository.Due event) {
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
}
