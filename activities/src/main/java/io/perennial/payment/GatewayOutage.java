package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;

/**
 * The operator switch of the simulated payment provider, kept in PostgreSQL so the API (which flips it) and every
 * worker (whose gateway obeys it) agree. In an outage every call fails as a real provider's would: a 503, or no
 * answer until the client gives up. Nothing reaches the provider's ledger, so no money moves.
 */
@Singleton
public class GatewayOutage {

    public enum Mode { NONE, ERRORS, TIMEOUTS }

    public record State(Mode mode, @Nullable String note, @Nullable String changedBy, Instant changedAt) {
    }

    private final JdbcOperations jdbc;

    public GatewayOutage(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public State state() {
        return jdbc.prepareStatement("SELECT mode, note, changed_by, changed_at FROM simulated_gateway_outage",
                statement -> {
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        return new State(Mode.valueOf(row.getString(1)), row.getString(2), row.getString(3),
                                row.getTimestamp(4).toInstant());
                    }
                });
    }

    @Transactional
    public State set(Mode mode, @Nullable String note, String changedBy) {
        jdbc.prepareStatement("UPDATE simulated_gateway_outage SET mode = ?, note = ?, changed_by = ?, changed_at = now()",
                statement -> {
                    statement.setString(1, mode.name());
                    statement.setString(2, note);
                    statement.setString(3, changedBy);
                    return statement.executeUpdate();
                });
        return state();
    }
}
