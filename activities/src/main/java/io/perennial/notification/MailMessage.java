package io.perennial.notification;

/** A plain-text e-mail to one recipient; the notification key travels along so a mail can be traced to its row. */
public record MailMessage(String notificationKey, String to, String subject, String body) {
}
