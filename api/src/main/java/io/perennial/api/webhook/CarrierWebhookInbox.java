package io.perennial.api.webhook;

import io.micronaut.transaction.TransactionOperations;
import io.perennial.shipping.CarrierWebhookEvent;
import io.perennial.shipping.CarrierWebhookEventRepository;
import jakarta.inject.Singleton;

import java.sql.Connection;

/**
 * The carrier events our webhook accepted, by event id ({@code carrier_webhook_events}). A carrier delivers at
 * least once, sometimes concurrently: each delivery is recorded, and the one that claims the event signals it;
 * a later one finds it signalled and does nothing, a concurrent one finds it claimed and waits for the outcome.
 * Claiming and signalling are two steps, so an event claimed but not signalled (Temporal was away) is released, and
 * signalled by the carrier's next delivery.
 */
@Singleton
public class CarrierWebhookInbox {

    private final CarrierWebhookEventRepository events;
    private final TransactionOperations<Connection> transactions;

    public CarrierWebhookInbox(CarrierWebhookEventRepository events, TransactionOperations<Connection> transactions) {
        this.events = events;
        this.transactions = transactions;
    }

    /** Records a delivery of the event (the first one inserts it, later ones count). */
    public void record(CarrierWebhookEvent event, String orderId) {
        transactions.executeWrite(status -> {
            events.recordDelivery(event.eventId(), event.trackingNumber(), orderId, event.type().name(),
                    event.occurredAt());
            return null;
        });
    }

    /**
     * Claims a recorded event for signalling: SIGNALLED when that was done already, CLAIMED for exactly one of
     * concurrent callers (one UPDATE takes the row; the others then see its claim), which must signal and call
     * {@link #signalled} or {@link #release}, and IN_FLIGHT for the others while that one is at it. A claim older
     * than a minute ({@link CarrierWebhookEventRepository#claim}) belongs to a delivery that died before either, and is taken over.
     */
    public Claim claim(String eventId) {
        return Claim.valueOf(transactions.executeWrite(status -> events.claim(eventId)));
    }

    public enum Claim { CLAIMED, SIGNALLED, IN_FLIGHT }

    /** The claimed event could not be signalled (Temporal away): the carrier's next delivery may claim it at once. */
    public void release(String eventId) {
        transactions.executeWrite(status -> events.release(eventId));
    }

    public void signalled(String eventId) {
        transactions.executeWrite(status -> events.markSignalled(eventId));
    }

    /** How often the carrier delivered the event (0 when never). */
    public int deliveries(String eventId) {
        return transactions.executeRead(status -> events.findDeliveries(eventId).orElse(0));
    }
}
