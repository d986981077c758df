package io.perennial.payment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderCustomersTest implements TestPropertyProvider {

    @Inject
    ProviderCustomers customers;
    @Inject
    PaymentGateway gateway;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        return properties;
    }

    @Test
    void theSimulatedProviderGivesEachCustomerOneCustomerObjectAndKeepsTheToken() {
        UUID ada = UUID.randomUUID();
        AttachedPaymentMethod first = gateway.attachPaymentMethod(ada, "pm_card_visa");
        AttachedPaymentMethod again = gateway.attachPaymentMethod(ada, "pm_card_mastercard");
        AttachedPaymentMethod other = gateway.attachPaymentMethod(UUID.randomUUID(), "pm_card_visa");

        assertThat(first.customerReference()).startsWith("cus_sim_").isEqualTo(again.customerReference())
                .isNotEqualTo(other.customerReference());
        assertThat(first.paymentMethodReference()).isEqualTo("pm_card_visa");
        assertThat(again.paymentMethodReference()).isEqualTo("pm_card_mastercard");
    }

    @Test
    void racingFirstChargesAgreeOnOneProviderCustomer() throws Exception {
        UUID customer = UUID.randomUUID();
        AtomicInteger created = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<String> ask = () -> customers.customer("stripe", customer,
                    () -> "cus_" + created.incrementAndGet());
            java.util.List<Future<String>> answers = pool.invokeAll(java.util.List.of(ask, ask, ask, ask));
            String winner = answers.get(0).get();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo(winner);
            }
            assertThat(customers.customer("stripe", customer, () -> "cus_never")).isEqualTo(winner);
        } finally {
            pool.shutdownNow();
        }
    }
}
