package io.perennial.acceptance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Writes rows into the event log as the activities will (issue 13's event writers are built apart): what the webhook
 * relay reads. Outside the application's transactions, on a plain connection.
 */
final class WebhookEventLog {

    private final TestPlatform platform;

    WebhookEventLog(TestPlatform platform) {
        this.platform = platform;
    }

    /** Logs an event about an invoice and returns its id. */
    String log(String type, Instant created) {
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String invoiceId = "in_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO events (id, type, created, resource_type, resource_id, data)
                     VALUES (?, ?, ?, 'invoice', ?, CAST(? AS jsonb))
                     """)) {
            insert.setString(1, id);
            insert.setString(2, type);
            insert.setTimestamp(3, Timestamp.from(created));
            insert.setString(4, invoiceId);
            insert.setString(5, "{\"object\":{\"id\":\"" + invoiceId + "\",\"status\":\"paid\",\"totalMinor\":1299,"
                    + "\"currency\":\"EUR\"}}");
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return id;
    }

    long auditRows(String target) {
        try (Connection connection = connection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM audit_log WHERE target = ?")) {
            count.setString(1, target);
            var rows = count.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private Connection connection() throws SQLException {
        Map<String, Object> database = platform.stack.properties();
        return DriverManager.getConnection((String) database.get("datasources.default.url"),
                (String) database.get("datasources.default.username"),
                (String) database.get("datasources.default.password"));
    }
}
