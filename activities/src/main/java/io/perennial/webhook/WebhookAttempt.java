package io.perennial.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One attempt of a delivery: the answer's status and first 1 KB, or why there was none. */
@MappedEntity("webhook_delivery_attempts")
public record WebhookAttempt(@Id UUID id, String deliveryId, int attempt, Instant attemptedAt,
                             @Nullable Integer statusCode, long latencyMillis, @Nullable String responseExcerpt,
                             @Nullable String error) {
}
