package io.perennial.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of the event log as the webhook relay reads it; {@code data} is the JSON text. */
@MappedEntity("events")
public record LoggedEvent(@Id long seq, String id, String type, Instant created, String resourceType,
                          String resourceId, String data, @Nullable Instant relayedAt) {
}
