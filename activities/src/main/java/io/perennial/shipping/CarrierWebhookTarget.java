package io.perennial.shipping;

import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Optional;

/** Where the simulated carrier posts its tracking events: {@code perennial.carrier.webhook.url}. */
@Singleton
public class CarrierWebhookTarget {

    private final CarrierWebhookConfiguration configuration;

    public CarrierWebhookTarget(CarrierWebhookConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Empty when no URL is configured: the carrier keeps its events until one is. */
    public Optional<URI> url() {
        return Optional.ofNullable(configuration.url()).filter(url -> !url.isBlank()).map(URI::create);
    }

    /** False while the target cannot take a webhook yet (the embedded API still starting); the carrier waits. */
    public boolean ready() {
        return true;
    }
}
