package io.perennial.notification;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers by logging, when no SMTP server is configured (the embedded mode): the outbox still holds every
 * message, marked SENT, for a developer to read.
 */
@Singleton
@Secondary
public class LoggingMailSender implements MailSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingMailSender.class);

    @Override
    public void send(MailMessage message) {
        log.info("Mail {} to {}: {}\n{}", message.notificationKey(), message.to(), message.subject(), message.body());
    }
}
