package io.perennial.api.webhook;

import io.micronaut.context.annotation.Context;
import io.perennial.shipping.CarrierWebhookConfiguration;
import io.perennial.shipping.CarrierWebhookSignature;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Stops the API at startup when the carrier webhook secret would let others forge tracking events: missing,
 * shorter than 32 bytes, or a placeholder. The embedded launcher makes a random one per run; every other
 * deployment supplies {@code CARRIER_WEBHOOK_SECRET} (the same one the carrier signs with).
 */
@Context
public class CarrierWebhookSecretCheck {

    private static final int MIN_DISTINCT_CHARACTERS = 8;

    public CarrierWebhookSecretCheck(CarrierWebhookConfiguration configuration) {
        problem(configuration.secret()).ifPresent(problem -> {
            throw new IllegalStateException("Refusing to start: " + problem + " Set CARRIER_WEBHOOK_SECRET to at "
                    + "least " + CarrierWebhookSignature.MIN_SECRET_BYTES + " random bytes, e.g. "
                    + "$(openssl rand -base64 32), the same the carrier signs with.");
        });
    }

    static Optional<String> problem(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.of("the carrier webhook secret is not set.");
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < CarrierWebhookSignature.MIN_SECRET_BYTES) {
            return Optional.of("the carrier webhook secret has " + bytes * 8 + " bits; at least "
                    + CarrierWebhookSignature.MIN_SECRET_BYTES * 8 + " are needed.");
        }
        String lower = secret.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("changeme") || lower.contains("change-me") || lower.contains("placeholder")
                || secret.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return Optional.of("the carrier webhook secret is a placeholder value.");
        }
        return Optional.empty();
    }
}
