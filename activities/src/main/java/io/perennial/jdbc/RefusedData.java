package io.perennial.jdbc;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a write PostgreSQL refuses for what it holds from one that may succeed when tried again. SQLState class 22
 * (data exception: text or JSON it cannot hold, a value out of range) and the rest of class 23 (a NOT NULL or CHECK
 * constraint) fail the same way on every attempt, so an activity meeting one must fail for good instead of retrying
 * for ever. A unique or foreign-key violation (23505, 23503) is a race with another writer, e.g. the API's first row
 * of the same order racing the workflow's upsert on another unique key: tried again, it succeeds.
 */
public final class RefusedData {

    /** unique_violation and foreign_key_violation: another writer got there first, or not yet. */
    private static final java.util.Set<String> RACES = java.util.Set.of("23505", "23503");

    private RefusedData() {
    }

    /** The SQLState of the refusal in {@code error}'s causes, if PostgreSQL refused the data itself. */
    public static Optional<String> sqlState(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))
                    && !RACES.contains(sql.getSQLState())) {
                return Optional.of(sql.getSQLState());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    /** True when PostgreSQL refused a write because another writer's row holds the same unique key (23505). */
    public static boolean isUniqueViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
