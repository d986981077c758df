package io.perennial.api.webhookendpoint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.webhook.WebhookAttempt;
import io.perennial.webhook.WebhookDelivery;

import java.time.Instant;
import java.util.List;

/** Deliveries as admins read them, each with every attempt. */
public final class DeliveryViews {

    private DeliveryViews() {
    }

    @Serdeable
    public record DeliveryView(String id, String eventId, String eventType, String status, int attemptCount,
                               Instant createdAt, @Nullable Instant lastAttemptAt, List<AttemptView> attempts) {

        static DeliveryView of(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
            return new DeliveryView(delivery.id(), delivery.eventId(), delivery.eventType(), delivery.status(),
                    delivery.attempts(), delivery.createdAt(), delivery.lastAttemptAt(),
                    attempts.stream().map(AttemptView::of).toList());
        }
    }

    /** One attempt: the answer's status and first 1 KB, or the error when there was no answer. */
    @Serdeable
    public record AttemptView(int attempt, Instant attemptedAt, @Nullable Integer statusCode, long latencyMillis,
                              @Nullable String response, @Nullable String error) {

        static AttemptView of(WebhookAttempt attempt) {
            return new AttemptView(attempt.attempt(), attempt.attemptedAt(), attempt.statusCode(),
                    attempt.latencyMillis(), attempt.responseExcerpt(), attempt.error());
        }
    }

    /** Newest first; {@code next} is the cursor ({@code after}) of the following page. */
    @Serdeable
    public record DeliveryPage(List<DeliveryView> items, @Nullable String next) {
    }

    /** What a replay resends. */
    @Serdeable
    public record Replay(int deliveries) {
    }
}
