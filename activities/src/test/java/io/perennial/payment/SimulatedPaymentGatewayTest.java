package io.perennial.payment;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class SimulatedPaymentGatewayTest {

    @Test
    void transientProviderFailuresFailRetryablyBeforeTouchingTheLedger() {
        SimulatedGatewayLedger ledger = mock(SimulatedGatewayLedger.class);
        GatewayOutage noOutage = mock(GatewayOutage.class);
        when(noOutage.state()).thenReturn(new GatewayOutage.State(GatewayOutage.Mode.NONE, null, null, Instant.now()));
        SimulatedPaymentGateway gateway = new SimulatedPaymentGateway(ledger,
                new SimulatedGatewayConfiguration(1.0, Duration.ZERO, Duration.ofMillis(1)), noOutage,
                mock(ProviderCustomers.class), mock(SimulatedRedirects.class));

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> gateway.charge(new GatewayCharge("k", 100, "EUR", "pm_card_visa")))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("payment provider");
        }
        verifyNoInteractions(ledger);
    }

    @Test
    void stripesDocumentedTestTokensAnswerAsInStripesTestMode() {
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_visa")).isNull();
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_chargeDeclined")).isEqualTo("generic_decline");
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_chargeDeclinedInsufficientFunds"))
                .isEqualTo("insufficient_funds");
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_chargeDeclinedStolenCard")).isEqualTo("stolen_card");
        assertThat(DeclineCodes.isHard(SimulatedPaymentGateway.declineCodeFor("pm_card_chargeDeclinedStolenCard")))
                .isTrue();
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_authenticationRequired"))
                .isEqualTo("authentication_required");
    }

    @Test
    void theOlderTestTokensStillAnswerAsBefore() {
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_mastercard")).isNull();
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_declined")).isEqualTo("card_declined");
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_insufficient_funds")).isEqualTo("insufficient_funds");
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_expired")).isEqualTo("expired_card");
        assertThat(SimulatedPaymentGateway.declineCodeFor("pm_card_unheard_of")).isEqualTo("invalid_payment_method");
    }
}
