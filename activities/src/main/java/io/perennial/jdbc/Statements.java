package io.perennial.jdbc;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL with positional parameters on the current connection, for the few places whose statements (row locks,
 * conditional updates, ON CONFLICT) do not fit a Micronaut Data repository. The caller owns the transaction.
 */
public final class Statements {
    private Statements() {
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** The number of rows the statement changed. */
    public static int update(JdbcOperations jdbc, String sql, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, parameters);
            return statement.executeUpdate();
        });
    }

    public static <T> List<T> query(JdbcOperations jdbc, String sql, RowMapper<T> mapper, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, parameters);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return result;
        });
    }

    /** The first row, if any. */
    public static <T> Optional<T> queryOne(JdbcOperations jdbc, String sql, RowMapper<T> mapper,
                                           Object... parameters) {
        return query(jdbc, sql, mapper, parameters).stream().findFirst();
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
