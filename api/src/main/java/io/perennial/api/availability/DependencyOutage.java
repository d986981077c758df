package io.perennial.api.availability;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Which dependency a failure says is unavailable, if any: PostgreSQL (no connection from the pool in time, a
 * refused or broken connection, which Micronaut Data reports as a {@link ConnectionException} when it finds the
 * connection closed while releasing it) or Temporal (an {@code UNAVAILABLE} or {@code DEADLINE_EXCEEDED} frontend, an
 * Update that got no answer in time), however deeply the exception that says so is wrapped.
 */
public enum DependencyOutage {
    DATABASE("the database"),
    TEMPORAL("the workflow engine");

    /** SQLSTATEs of a connection that failed or a server that is going away or not accepting connections yet. */
    private static final Set<String> UNAVAILABLE_SQL_STATES = Set.of("57P01", "57P02", "57P03");
    private static final Set<Status.Code> UNAVAILABLE_GRPC = Set.of(Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED);

    private final String description;

    DependencyOutage(String description) {
        this.description = description;
    }

    /** How a problem document names it to a client. */
    public String description() {
        return description;
    }

    public static Optional<DependencyOutage> of(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof StatusRuntimeException grpc) {
                if (UNAVAILABLE_GRPC.contains(grpc.getStatus().getCode())) {
                    return Optional.of(TEMPORAL);
                }
            } else if (cause instanceof WorkflowUpdateTimeoutOrCancelledException) {
                return Optional.of(TEMPORAL);
            } else if (cause instanceof ConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return Optional.of(DATABASE);
            } else if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_SQL_STATES.contains(sql.getSQLState()))) {
                return Optional.of(DATABASE);
            }
        }
        return Optional.empty();
    }
}
