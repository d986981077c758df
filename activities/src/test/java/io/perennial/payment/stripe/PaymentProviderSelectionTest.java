package io.perennial.payment.stripe;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinition;
import io.perennial.payment.PaymentGateway;
import io.perennial.payment.SimulatedPaymentGateway;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentProviderSelectionTest {

    /** No database is needed to choose a bean: the pool is told not to connect at start. */
    private static final Map<String, Object> NO_DATABASE = Map.of("datasources.default.password", "unused",
            "datasources.default.initialization-fail-timeout", -1);

    @Test
    void theSimulatedProviderIsTheOnlyGatewayUnlessConfiguredOtherwise() {
        try (ApplicationContext context = ApplicationContext.run(NO_DATABASE)) {
            assertThat(gatewayTypes(context)).containsExactly(SimulatedPaymentGateway.class);
        }
    }

    @Test
    void theStripeProviderIsTheOnlyGatewayWhenChosen() {
        try (ApplicationContext context = ApplicationContext.run(with(NO_DATABASE,
                Map.of("perennial.payments.provider", "stripe", "perennial.payments.stripe.api-key", "sk_test_x")))) {
            assertThat(gatewayTypes(context)).containsExactly(StripePaymentGateway.class);
            assertThat(context.getBean(PaymentGateway.class)).isInstanceOf(StripePaymentGateway.class);
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> all = new HashMap<>(base);
        all.putAll(more);
        return all;
    }

    private static Collection<Class<?>> gatewayTypes(ApplicationContext context) {
        return context.getBeanDefinitions(PaymentGateway.class).stream()
                .<Class<?>>map(BeanDefinition::getBeanType).toList();
    }

    @Test
    void aProcessConfiguredForStripeWithoutAnApiKeyDoesNotStart() {
        assertThatThrownBy(() -> ApplicationContext.run(with(NO_DATABASE,
                Map.of("perennial.payments.provider", "stripe"))).close())
                .hasStackTraceContaining("perennial.payments.stripe.api-key");
    }
}
