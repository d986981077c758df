package io.perennial.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which PostgreSQL refusals fail an activity for good, and which are races that a retry gets past. */
class RefusedDataTest {

    private static RuntimeException wrapped(String sqlState) {
        return new RuntimeException("write failed", new IllegalStateException(new SQLException("refused", sqlState)));
    }

    @Test
    void dataThePostgresqlColumnsCannotHoldIsRefusedForGood() {
        assertThat(RefusedData.sqlState(wrapped("22P05"))).contains("22P05");   // untranslatable character
        assertThat(RefusedData.sqlState(wrapped("22021"))).contains("22021");   // invalid byte sequence
        assertThat(RefusedData.sqlState(wrapped("23502"))).contains("23502");   // NOT NULL
        assertThat(RefusedData.sqlState(wrapped("23514"))).contains("23514");   // CHECK
    }

    @Test
    void aUniqueOrForeignKeyViolationIsARaceWithAnotherWriterNotARefusal() {
        assertThat(RefusedData.sqlState(wrapped("23505"))).isEmpty();
        assertThat(RefusedData.sqlState(wrapped("23503"))).isEmpty();
        assertThat(RefusedData.isUniqueViolation(wrapped("23505"))).isTrue();
        assertThat(RefusedData.isUniqueViolation(wrapped("22P05"))).isFalse();
    }

    @Test
    void connectionTroubleIsNeitherAndStaysRetryable() {
        assertThat(RefusedData.sqlState(wrapped("08006"))).isEmpty();
        assertThat(RefusedData.sqlState(new RuntimeException("no SQL at all"))).isEmpty();
    }
}
