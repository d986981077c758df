package io.perennial.notification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the notification outbox: the message rendered once, with its delivery state.
 *
 * @param data the template's values as a JSON object
 */
@MappedEntity("notifications")
public record NotificationRecord(@Id UUID id, String notificationKey, UUID customerId, String template, String data,
                                 String recipient, String subject, String body, NotificationStatus status,
                                 int attempts, @Nullable String lastError, Instant businessTime,
                                 @Nullable Instant sentAt, Instant createdAt) {

    public MailMessage message() {
        return new MailMessage(notificationKey, recipient, subject, body);
    }
}
