package io.perennial.notification;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Delivers outbox rows. The row stays locked while the mail goes out, so a duplicate activity waits and then finds
 * it SENT instead of sending again. Delivery is at least once: if the commit fails after the server accepted the
 * mail, the next attempt sends it again.
 */
@Singleton
public class NotificationOutbox {

    private static final Logger log = LoggerFactory.getLogger(NotificationOutbox.class);

    private final NotificationRepository notifications;
    private final MailSender mail;

    public NotificationOutbox(NotificationRepository notifications, MailSender mail) {
        this.notifications = notifications;
        this.mail = mail;
    }

    /**
     * Sends the notification unless it was sent already, and records the attempt either way; a failed attempt is
     * committed too, so the returned row is FAILED with its error rather than an exception.
     */
    @Transactional
    public Optional<NotificationRecord> deliver(String notificationKey) {
        Optional<NotificationRecord> locked = notifications.lockByNotificationKey(notificationKey);
        if (locked.isEmpty() || locked.get().status() == NotificationStatus.SENT) {
            return locked;
        }
        NotificationRecord notification = locked.get();
        try {
            mail.send(notification.message());
        } catch (RuntimeException e) {
            log.warn("Delivering notification {} failed: {}", notificationKey, e.getMessage());
            notifications.recordFailure(notification.id(), String.valueOf(e.getMessage()));
            return notifications.findById(notification.id());
        }
        notifications.markSent(notification.id());
        return notifications.findById(notification.id());
    }
}
