package io.perennial.acceptance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Perennial's database as the cluster rehearsal reads it: what it counts, straight from PostgreSQL. */
final class ApplicationDatabase {

    private final DataSource perennial;

    ApplicationDatabase(DataSource perennial) {
        this.perennial = perennial;
    }

    int queryInt(String sql) {
        return Integer.parseInt(queryStrings(sql).get(0));
    }

    Instant queryInstant(String sql) {
        try (Connection connection = perennial.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getTimestamp(1).toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> queryStrings(String sql) {
        try (Connection connection = perennial.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(String sql, String... parameters) throws SQLException {
        try (Connection connection = perennial.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
