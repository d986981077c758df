package io.perennial.customer;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed logins counted per account and per address; a success clears the account's rows. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginFailureRepositoryTest implements TestPropertyProvider {

    @Inject
    LoginFailureRepository repository;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    /** The API's LoginFailures runs each of these in its own transaction; so does this test. */
    private final Failures failures = new Failures();

    private final class Failures {
        void record(String email, String address) {
            transactions.executeWrite(status -> {
                repository.insert(email, address);
                return null;
            });
        }

        LoginFailureWindow ofAccount(String email, Instant since) {
            return transactions.executeRead(status -> repository.windowOfAccount(email, since));
        }

        LoginFailureWindow ofAddress(String address, Instant since) {
            return transactions.executeRead(status -> repository.windowOfAddress(address, since));
        }

        void clearAccount(String email) {
            transactions.executeWrite(status -> repository.deleteByEmail(email));
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @Test
    void failuresAreCountedPerAccountAndPerAddressAndASuccessClearsTheAccountsRows() {
        String email = "throttle-" + UUID.randomUUID() + "@example.com";
        String address = "10.9." + UUID.randomUUID();
        Instant before = Instant.now().minus(1, ChronoUnit.MINUTES);
        assertThat(failures.ofAccount(email, before)).isEqualTo(new LoginFailureWindow(0, null));

        failures.record(email, address);
        failures.record(email, address);
        failures.record("other-" + email, address);

        LoginFailureWindow account = failures.ofAccount(email, before);
        assertThat(account.failures()).isEqualTo(2);
        assertThat(account.oldest()).isAfter(before);
        assertThat(failures.ofAddress(address, before).failures()).isEqualTo(3);
        assertThat(failures.ofAccount(email, Instant.now().plus(1, ChronoUnit.MINUTES)).failures()).isZero();

        // Clearing deletes the account's rows, so the address keeps only the other account's failure.
        failures.clearAccount(email);
        assertThat(failures.ofAccount(email, before).failures()).isZero();
        assertThat(failures.ofAddress(address, before).failures()).isEqualTo(1);
    }
}
