package io.perennial.notification;

/** The port to whatever delivers e-mail. */
public interface MailSender {
    /**
     * Hands the message over for delivery; returns only once it was accepted.
     *
     * @throws MailDeliveryException when it was not (worth retrying later)
     */
    void send(MailMessage message);
}
