package io.perennial.customer;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerRepositoryTest implements TestPropertyProvider {

    @Inject
    CustomerRepository customers;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @Test
    void everyNewCustomerGetsAReferralCodeDerivedFromItsId() {
        UUID id = UUID.randomUUID();
        customers.save(new Customer(id, id + "@example.com", "Ada", Instant.now()));

        String code = customers.findReferralCode(id).orElseThrow();

        assertThat(code).isEqualTo("REF-" + id.toString().substring(0, 8).toUpperCase());
        assertThat(customers.findIdByReferralCode(code.toLowerCase())).contains(id);
    }

    @Test
    void customersWhoseIdsShareTheFirstDigitsStillGetDistinctCodes() {
        UUID first = UUID.fromString("abcdef01-0000-4000-8000-000000000001");
        UUID second = UUID.fromString("abcdef01-0000-4000-8000-000000000002");
        customers.save(new Customer(first, "first-" + first + "@example.com", "First", Instant.now()));
        customers.save(new Customer(second, "second-" + second + "@example.com", "Second", Instant.now()));

        assertThat(customers.findReferralCode(first)).contains("REF-ABCDEF01");
        assertThat(customers.findReferralCode(second))
                .contains("REF-" + second.toString().replace("-", "").toUpperCase());
    }
}
