package io.perennial.api.webhook;

import io.perennial.shipping.CarrierWebhookConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CarrierWebhookSecretCheckTest {

    private static CarrierWebhookConfiguration secret(String secret) {
        return new CarrierWebhookConfiguration(secret, Duration.ofMinutes(5), null);
    }

    @Test
    void theApiRefusesToStartWithoutAStrongCarrierWebhookSecret() {
        assertThatThrownBy(() -> new CarrierWebhookSecretCheck(secret(null))).hasMessageContaining("not set");
        assertThatThrownBy(() -> new CarrierWebhookSecretCheck(secret(""))).hasMessageContaining("not set");
        assertThatThrownBy(() -> new CarrierWebhookSecretCheck(secret("short-secret-123")))
                .hasMessageContaining("128 bits");
        assertThatThrownBy(() -> new CarrierWebhookSecretCheck(secret("changeme-changeme-changeme-changeme")))
                .hasMessageContaining("placeholder");
        assertThatThrownBy(() -> new CarrierWebhookSecretCheck(secret("a".repeat(40))))
                .hasMessageContaining("placeholder");
    }

    @Test
    void aRandomSecretOfThirtyTwoBytesOrMoreIsAccepted() {
        assertThat(CarrierWebhookSecretCheck.problem("q8R1t0JxW3mZp7Vn2Ls5Yc9Hb4Kd6Gf0Ae1Ui3Oo5Ss=")).isEmpty();
    }
}
