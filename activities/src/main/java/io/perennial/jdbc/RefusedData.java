package io.perennial.jdbc;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a write PostgreSQL refuses for what it holds from one that may succeed when tried again. SQLState class 22
 * (data exception: text or JSON it cannot hold, a value out of range) and class 23 (integrity constraint violation)
 * fail the same way on every attempt, so an activity meeting one must fail for good instead of retrying for ever.
 */
public final class RefusedData {

    private RefusedData() {
    }

    /** The SQLState of the refusal in {@code error}'s causes, if PostgreSQL refused the data itself. */
    public static Optional<String> sqlState(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return Optional.of(sql.getSQLState());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
