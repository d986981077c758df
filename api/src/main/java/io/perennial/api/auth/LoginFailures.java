package io.perennial.api.auth;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Failed logins in PostgreSQL, so every API instance throttles with the same counts. */
@Singleton
public class LoginFailures {

    /** How many failures since {@code since}, and when the oldest of them happened. */
    @Introspected
    public record Window(int failures, @Nullable Instant oldest) {
    }

    private final LoginFailureRepository failures;

    public LoginFailures(LoginFailureRepository failures) {
        this.failures = failures;
    }

    @Transactional
    public void record(String email, String clientAddress) {
        failures.insert(email, clientAddress);
    }

    @Transactional
    public Window ofAccount(String email, Instant since) {
        return failures.windowOfAccount(email, since);
    }

    @Transactional
    public Window ofAddress(String clientAddress, Instant since) {
        return failures.windowOfAddress(clientAddress, since);
    }

    /** A successful login clears the account's failures (the address keeps its count). */
    @Transactional
    public void clearAccount(String email) {
        failures.deleteByEmail(email);
    }
}
