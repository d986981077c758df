package io.perennial.payment;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class SimulatedPaymentGatewayTest {

    @Test
    void aProviderOutageFailsRetryablyBeforeTouchingTheLedger() {
        SimulatedGatewayLedger ledger = mock(SimulatedGatewayLedger.class);
        SimulatedPaymentGateway gateway = new SimulatedPaymentGateway(ledger,
                new SimulatedGatewayConfiguration(1.0, Duration.ZERO, Duration.ofMillis(1)));

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> gateway.charge(new GatewayCharge("k", 100, "EUR", "pm_card_visa")))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("payment provider");
        }
        verifyNoInteractions(ledger);
    }
}
