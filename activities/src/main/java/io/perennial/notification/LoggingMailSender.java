package io.perennial.notification;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers by logging, when no SMTP server is configured (the embedded mode): the outbox still holds every
 * message, marked SENT, for a developer to read. The last messages are also kept in memory, the simulated mailbox
 * tests read (a password-reset mail is not in the outbox: its link is a secret that is stored nowhere).
 */
@Singleton
@Secondary
public class LoggingMailSender implements MailSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingMailSender.class);

    private static final int KEPT = 200;

    private final java.util.Deque<MailMessage> mailbox = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** The messages sent to this address, oldest first, of the last {@value #KEPT} this process sent. */
    public java.util.List<MailMessage> sentTo(String address) {
        return mailbox.stream().filter(message -> message.to().equalsIgnoreCase(address)).toList();
    }

    @Override
    public void send(MailMessage message) {
        mailbox.addLast(message);
        while (mailbox.size() > KEPT) {
            mailbox.pollFirst();
        }
        log.info("Mail {} to {}: {}\n{}", message.notificationKey(), message.to(), message.subject(), message.body());
    }
}
