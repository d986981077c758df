package io.perennial.api.auth;

import io.micronaut.transaction.annotation.Transactional;
import io.perennial.customer.LoginFailureRepository;
import io.perennial.customer.LoginFailureWindow;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Failed logins in PostgreSQL, so every API instance throttles with the same counts. */
@Singleton
public class LoginFailures {

    private final LoginFailureRepository failures;

    public LoginFailures(LoginFailureRepository failures) {
        this.failures = failures;
    }

    @Transactional
    public void record(String email, String clientAddress) {
        failures.insert(email, clientAddress);
    }

    @Transactional
    public LoginFailureWindow ofAccount(String email, Instant since) {
        return failures.windowOfAccount(email, since);
    }

    @Transactional
    public LoginFailureWindow ofAddress(String clientAddress, Instant since) {
        return failures.windowOfAddress(clientAddress, since);
    }

    /** A successful login clears the account's failures (the address keeps its count). */
    @Transactional
    public void clearAccount(String email) {
        failures.deleteByEmail(email);
    }
}
