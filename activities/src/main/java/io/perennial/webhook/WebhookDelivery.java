package io.perennial.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One event for one endpoint ({@code whd_…}); every attempt of it carries the event id as {@code webhook-id}. */
@MappedEntity("webhook_deliveries")
public record WebhookDelivery(@Id String id, long seq, String endpointId, String eventId, String eventType,
                              String status, int attempts, Instant createdAt, @Nullable Instant lastAttemptAt,
                              @Nullable Instant handedOverAt) {

    public static final String PENDING = "PENDING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
}
