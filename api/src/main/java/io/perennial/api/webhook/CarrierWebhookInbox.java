package io.perennial.api.webhook;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.shipping.CarrierWebhookEvent;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;

/**
 * The carrier events our webhook accepted, by event id ({@code carrier_webhook_events}). A carrier delivers at
 * least once, sometimes concurrently: each delivery is recorded, and the one that claims the event signals it;
 * a later one finds it signalled and does nothing, a concurrent one finds it claimed and waits for the outcome.
 * Claiming and signalling are two steps, so an event claimed but not signalled (Temporal was away) is released, and
 * signalled by the carrier's next delivery.
 */
@Singleton
public class CarrierWebhookInbox {

    /** Longer than a signal can take under the API's Temporal deadlines. */
    private static final Duration CLAIM_EXPIRY = Duration.ofMinutes(1);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    public CarrierWebhookInbox(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Records a delivery of the event (the first one inserts it, later ones count). */
    public void record(CarrierWebhookEvent event, String orderId) {
        transactions.executeWrite(status -> jdbc.prepareStatement("""
                INSERT INTO carrier_webhook_events (event_id, tracking_number, order_id, type, occurred_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO UPDATE SET deliveries = carrier_webhook_events.deliveries + 1
                """, statement -> {
            statement.setString(1, event.eventId());
            statement.setString(2, event.trackingNumber());
            statement.setString(3, orderId);
            statement.setString(4, event.type().name());
            statement.setTimestamp(5, Timestamp.from(event.occurredAt()));
            return statement.executeUpdate();
        }));
    }

    /**
     * Claims a recorded event for signalling: SIGNALLED when that was done already, CLAIMED for exactly one of
     * concurrent callers (one UPDATE takes the row; the others then see its claim), which must signal and call
     * {@link #signalled} or {@link #release}, and IN_FLIGHT for the others while that one is at it. A claim older
     * than {@code CLAIM_EXPIRY} belongs to a delivery that died before either, and is taken over.
     */
    public Claim claim(String eventId) {
        return transactions.executeWrite(status -> jdbc.prepareStatement("""
                WITH claimed AS (
                    UPDATE carrier_webhook_events SET claimed_at = clock_timestamp()
                    WHERE event_id = ? AND signalled_at IS NULL
                      AND (claimed_at IS NULL OR claimed_at < clock_timestamp() - interval '%d seconds')
                    RETURNING event_id)
                SELECT EXISTS (SELECT 1 FROM claimed),
                       (SELECT signalled_at IS NOT NULL FROM carrier_webhook_events WHERE event_id = ?)
                """.formatted(CLAIM_EXPIRY.toSeconds()), statement -> {
            statement.setString(1, eventId);
            statement.setString(2, eventId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1) ? Claim.CLAIMED : row.getBoolean(2) ? Claim.SIGNALLED : Claim.IN_FLIGHT;
            }
        }));
    }

    public enum Claim { CLAIMED, SIGNALLED, IN_FLIGHT }

    /** The claimed event could not be signalled (Temporal away): the carrier's next delivery may claim it at once. */
    public void release(String eventId) {
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE carrier_webhook_events SET claimed_at = NULL WHERE event_id = ? AND signalled_at IS NULL",
                statement -> {
                    statement.setString(1, eventId);
                    return statement.executeUpdate();
                }));
    }

    public void signalled(String eventId) {
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE carrier_webhook_events SET signalled_at = now() WHERE event_id = ? AND signalled_at IS NULL",
                statement -> {
                    statement.setString(1, eventId);
                    return statement.executeUpdate();
                }));
    }

    /** How often the carrier delivered the event (0 when never). */
    public int deliveries(String eventId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT deliveries FROM carrier_webhook_events WHERE event_id = ?", statement -> {
                    statement.setString(1, eventId);
                    try (ResultSet row = statement.executeQuery()) {
                        return row.next() ? row.getInt(1) : 0;
                    }
                }));
    }
}
