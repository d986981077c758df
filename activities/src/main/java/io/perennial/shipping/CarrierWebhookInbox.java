package io.perennial.shipping;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;

/**
 * The carrier events our webhook accepted, by event id ({@code carrier_webhook_events}). A carrier delivers at
 * least once: the first delivery of an id is recorded and signalled; a later one finds it signalled and does
 * nothing. Recording and signalling are two steps, so an event recorded but not signalled (Temporal was away) is
 * signalled by the carrier's next delivery.
 */
@Singleton
public class CarrierWebhookInbox {

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    public CarrierWebhookInbox(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Records the event; true when it still has to be signalled (new, or recorded before but never signalled). */
    public boolean receive(CarrierWebhookEvent event, String orderId) {
        return transactions.executeWrite(status -> jdbc.prepareStatement("""
                INSERT INTO carrier_webhook_events (event_id, tracking_number, order_id, type, occurred_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO UPDATE SET deliveries = carrier_webhook_events.deliveries + 1
                RETURNING signalled_at IS NULL
                """, statement -> {
            statement.setString(1, event.eventId());
            statement.setString(2, event.trackingNumber());
            statement.setString(3, orderId);
            statement.setString(4, event.type().name());
            statement.setTimestamp(5, Timestamp.from(event.occurredAt()));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
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
