package io.perennial.providerevent;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A provider webhook event the API accepted (see V22): RECEIVED, STARTED or IGNORED, and how often it came. */
@MappedEntity("provider_webhook_events")
public record ProviderWebhookEvent(@Id String eventId, String provider, String type, String outcome, int deliveries,
                                   Instant receivedAt, Instant updatedAt) {
}
