package io.perennial.payment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's outage switch, shared through PostgreSQL: while on, no call reaches the provider's ledger. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayOutageTest implements TestPropertyProvider {

    @Inject
    GatewayOutage outage;
    @Inject
    SimulatedPaymentGateway gateway;
    @Inject
    SimulatedGatewayLedger ledger;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        properties.put("perennial.gateway.simulated.timeout", "50ms");
        return properties;
    }

    @AfterEach
    void endOutage() {
        outage.set(GatewayOutage.Mode.NONE, null, "test");
    }

    @Test
    void duringAnOutageEveryChargeFailsRetryablyAndNoMoneyMovesUntilItEnds() {
        String key = "outage-" + UUID.randomUUID() + ":2:renewal";
        assertThat(outage.state().mode()).isEqualTo(GatewayOutage.Mode.NONE);

        GatewayOutage.State declared = outage.set(GatewayOutage.Mode.ERRORS, "provider incident 4711", "ops-ada");
        assertThat(declared.note()).isEqualTo("provider incident 4711");
        assertThat(declared.changedBy()).isEqualTo("ops-ada");
        assertThatThrownBy(() -> gateway.charge(new GatewayCharge(key, 1299, "EUR", "pm_card_visa")))
                .isInstanceOfSatisfying(GatewayUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("gateway_unavailable"));

        outage.set(GatewayOutage.Mode.TIMEOUTS, null, "ops-ada");
        assertThatThrownBy(() -> gateway.charge(new GatewayCharge(key, 1299, "EUR", "pm_card_visa")))
                .isInstanceOfSatisfying(GatewayUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("gateway_timeout"));
        assertThat(ledger.countCharges(key)).isZero();

        outage.set(GatewayOutage.Mode.NONE, null, "ops-ada");
        assertThat(gateway.charge(new GatewayCharge(key, 1299, "EUR", "pm_card_visa")).approved()).isTrue();
        assertThat(gateway.charge(new GatewayCharge(key, 1299, "EUR", "pm_card_visa")).approved()).isTrue();
        assertThat(ledger.countCharges(key)).isEqualTo(1);
    }
}
