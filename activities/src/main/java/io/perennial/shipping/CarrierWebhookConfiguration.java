package io.perennial.shipping;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Carrier webhooks: the shared secret both sides sign with ({@code CARRIER_WEBHOOK_SECRET}; no usable default
 * outside the embedded mode, which makes one per run), how old a signature may be, and where the simulated
 * carrier posts its events ({@code CARRIER_WEBHOOK_URL}; the embedded launcher points it at its own port).
 */
@ConfigurationProperties("perennial.carrier.webhook")
public record CarrierWebhookConfiguration(
        @Nullable String secret,
        @Bindable(defaultValue = "5m") Duration tolerance,
        @Nullable String url) {

    public CarrierWebhookSignature signature() {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("CARRIER_WEBHOOK_SECRET is not set");
        }
        return new CarrierWebhookSignature(secret);
    }
}
