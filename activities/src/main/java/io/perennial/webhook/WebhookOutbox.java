package io.perennial.webhook;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The relay's two steps, each a transaction that locks its rows (SKIP LOCKED, so several workers share the work):
 * events not relayed yet become a delivery per matching enabled endpoint, and deliveries not handed over yet are
 * handed to their endpoint's workflow. A crash between the steps leaves deliveries the next pass hands over.
 */
@Singleton
public class WebhookOutbox {

    private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);

    private final LoggedEventRepository events;
    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookConfiguration configuration;

    public WebhookOutbox(LoggedEventRepository events, WebhookEndpointRepository endpoints,
                         WebhookDeliveryRepository deliveries, WebhookConfiguration configuration) {
        this.events = events;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.configuration = configuration;
    }

    /** Turns unrelayed events into deliveries and stamps them relayed; returns how many events it took. */
    @Transactional
    public int relayEvents() {
        List<LoggedEvent> batch = events.lockUnrelayed(configuration.relayBatch());
        if (batch.isEmpty()) {
            return 0;
        }
        List<WebhookEndpoint> enabled = endpoints.findEnabled();
        for (LoggedEvent event : batch) {
            for (WebhookEndpoint endpoint : enabled) {
                if (endpoint.wants(event.type())) {
                    deliveries.insertOnce(newDeliveryId(), endpoint.id(), event.id(), event.type());
                }
            }
            events.markRelayed(event.seq());
        }
        return batch.size();
    }

    /**
     * Hands deliveries not handed over yet to {@code handOver} (which signals the endpoint's workflow) and stamps
     * them; one that cannot be handed over stays for the next pass. Returns how many were handed over.
     */
    @Transactional
    public int handOver(Consumer<WebhookDelivery> handOver) {
        int handed = 0;
        for (WebhookDelivery delivery : deliveries.lockNotHandedOver(configuration.relayBatch())) {
            try {
                handOver.accept(delivery);
            } catch (RuntimeException e) {
                log.warn("Could not hand delivery {} to its endpoint's workflow; next pass: {}", delivery.id(),
                        e.getMessage());
                break;
            }
            deliveries.markHandedOver(delivery.id());
            handed++;
        }
        return handed;
    }

    /** Creates the deliveries an endpoint lacks for the given events (a replay of events before it subscribed). */
    @Transactional
    public void ensureDeliveries(WebhookEndpoint endpoint, List<LoggedEvent> window) {
        for (LoggedEvent event : window) {
            if (endpoint.wants(event.type())) {
                deliveries.insertOnce(newDeliveryId(), endpoint.id(), event.id(), event.type());
            }
        }
    }

    public static String newDeliveryId() {
        return "whd_" + UUID.randomUUID().toString().replace("-", "");
    }
}
