package io.perennial.notification;

/** PENDING until the first delivery attempt; FAILED while the last attempt failed; SENT once accepted for delivery. */
public enum NotificationStatus {
    PENDING,
    SENT,
    FAILED
}
