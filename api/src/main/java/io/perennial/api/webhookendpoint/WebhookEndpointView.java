package io.perennial.api.webhookendpoint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.webhook.WebhookEndpoint;

import java.time.Instant;
import java.util.List;

/** An endpoint; {@code secret} only in the answer that made it (creation, rotation), never again. */
@Serdeable
public record WebhookEndpointView(String id, String url, List<String> eventTypes, @Nullable String description,
                                  boolean enabled, @Nullable String disabledReason, Instant createdAt,
                                  Instant updatedAt, @Nullable Instant previousSecretExpiresAt,
                                  @Nullable String secret) {

    static WebhookEndpointView of(WebhookEndpoint endpoint) {
        return withSecret(endpoint, null);
    }

    static WebhookEndpointView withSecret(WebhookEndpoint endpoint, @Nullable String secret) {
        return new WebhookEndpointView(endpoint.id(), endpoint.url(), endpoint.eventTypeList(),
                endpoint.description(), endpoint.enabled(), endpoint.disabledReason(), endpoint.createdAt(),
                endpoint.updatedAt(), endpoint.previousSecretUntil(), secret);
    }
}
