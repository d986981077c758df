package io.perennial.notification;

/** A template filled in: what the customer reads. */
public record RenderedNotification(String subject, String body) {
}
