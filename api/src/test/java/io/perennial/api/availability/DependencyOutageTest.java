package io.perennial.api.availability;

import io.grpc.Status;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyOutageTest {

    private static final WorkflowExecution RUN = WorkflowExecution.newBuilder().setWorkflowId("subscription-1").build();

    @Test
    void anUnavailableOrTimedOutTemporalFrontendIsATemporalOutageHoweverItIsWrapped() {
        assertThat(DependencyOutage.of(Status.UNAVAILABLE.asRuntimeException())).contains(DependencyOutage.TEMPORAL);
        assertThat(DependencyOutage.of(new CompletionException(new WorkflowServiceException(RUN, "SubscriptionWorkflow",
                Status.DEADLINE_EXCEEDED.asRuntimeException())))).contains(DependencyOutage.TEMPORAL);
    }

    @Test
    void aTemporalAnswerThatIsNotAboutAvailabilityIsNoOutage() {
        assertThat(DependencyOutage.of(new WorkflowServiceException(RUN, "SubscriptionWorkflow",
                Status.NOT_FOUND.asRuntimeException()))).isEmpty();
        assertThat(DependencyOutage.of(Status.INVALID_ARGUMENT.asRuntimeException())).isEmpty();
    }

    @Test
    void noConnectionFromThePoolOrABrokenConnectionIsADatabaseOutage() {
        assertThat(DependencyOutage.of(new DataAccessException("query failed", new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms."))))
                .contains(DependencyOutage.DATABASE);
        assertThat(DependencyOutage.of(new DataAccessException("query failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                .contains(DependencyOutage.DATABASE);
        assertThat(DependencyOutage.of(new ConnectionException("Could not set JDBC Connection read-only",
                new SQLException("Connection is closed")))).contains(DependencyOutage.DATABASE);
    }

    @Test
    void aQueryPostgresRefusesOrABugIsNoOutage() {
        assertThat(DependencyOutage.of(new DataAccessException("duplicate",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isEmpty();
        assertThat(DependencyOutage.of(new IllegalStateException("a bug"))).isEmpty();
    }
}
