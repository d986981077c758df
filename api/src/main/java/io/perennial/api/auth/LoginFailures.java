package io.perennial.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/** Failed logins in PostgreSQL, so every API instance throttles with the same counts. */
@Singleton
public class LoginFailures {

    /** How many failures since {@code since}, and when the oldest of them happened. */
    public record Window(int failures, @Nullable Instant oldest) {
    }

    private final JdbcOperations jdbc;

    public LoginFailures(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void record(String email, String clientAddress) {
        jdbc.prepareStatement("INSERT INTO login_failures (email, client_address) VALUES (?, ?)", statement -> {
            statement.setString(1, email);
            statement.setString(2, clientAddress);
            return statement.executeUpdate();
        });
    }

    @Transactional
    public Window ofAccount(String email, Instant since) {
        return window("email", email, since);
    }

    @Transactional
    public Window ofAddress(String clientAddress, Instant since) {
        return window("client_address", clientAddress, since);
    }

    /** A successful login clears the account's failures (the address keeps its count). */
    @Transactional
    public void clearAccount(String email) {
        jdbc.prepareStatement("DELETE FROM login_failures WHERE email = ?", statement -> {
            statement.setString(1, email);
            return statement.executeUpdate();
        });
    }

    private Window window(String column, String value, Instant since) {
        return jdbc.prepareStatement("SELECT count(*), min(at) FROM login_failures WHERE " + column
                + " = ? AND at > ?", statement -> {
            statement.setString(1, value);
            statement.setTimestamp(2, Timestamp.from(since));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                Timestamp oldest = row.getTimestamp(2);
                return new Window(row.getInt(1), oldest == null ? null : oldest.toInstant());
            }
        });
    }
}
