package io.perennial.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A receiver of webhooks. {@code secret} and {@code previousSecret} are sealed ({@code SealedSecrets}); the previous
 * one still signs until {@code previousSecretUntil}, so a receiver can switch secrets without losing a delivery.
 */
@MappedEntity("webhook_endpoints")
public record WebhookEndpoint(@Id String id, String url, String eventTypes, @Nullable String description,
                              boolean enabled, @Nullable String disabledReason, String secret,
                              @Nullable String previousSecret, @Nullable Instant previousSecretUntil,
                              Instant createdAt, Instant updatedAt) {

    public List<String> eventTypeList() {
        return Arrays.asList(eventTypes.split(","));
    }

    public boolean wants(String eventType) {
        return eventTypeList().contains(WebhookEventTypes.ALL) || eventTypeList().contains(eventType);
    }

    public static String joined(List<String> eventTypes) {
        return String.join(",", eventTypes);
    }
}
