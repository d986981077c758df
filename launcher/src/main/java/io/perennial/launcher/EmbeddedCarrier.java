package io.perennial.launcher;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.perennial.shipping.CarrierClock;
import io.perennial.shipping.CarrierWebhookConfiguration;
import io.perennial.shipping.CarrierWebhookTarget;
import io.perennial.shipping.SystemCarrierClock;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Optional;

/**
 * The simulated carrier in the embedded mode: it posts its webhooks to this process's own API (unless
 * {@code CARRIER_WEBHOOK_URL} says otherwise), and with the in-process Temporal its clock is the test clock, so
 * advancing that clock moves parcels along with everything else.
 */
@Factory
@Requires(env = "embedded")
public class EmbeddedCarrier {

    @Singleton
    @Replaces(CarrierWebhookTarget.class)
    CarrierWebhookTarget ownApi(CarrierWebhookConfiguration configuration, Provider<EmbeddedServer> server) {
        return new CarrierWebhookTarget(configuration) {
            @Override
            public Optional<URI> url() {
                return super.url().or(() -> Optional.of(server.get().getURI().resolve("/v1/webhooks/carrier")));
            }

            /** The API's own URL is known once its server runs (on a random port, only then). */
            @Override
            public boolean ready() {
                return super.url().isPresent() || server.get().isRunning();
            }
        };
    }

    @Singleton
    @Replaces(SystemCarrierClock.class)
    @Requires(property = "perennial.temporal.in-process", value = "true")
    CarrierClock testClock(TestClock clock) {
        return clock::now;
    }
}
