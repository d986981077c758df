package io.perennial.notification;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A message to a customer, kept in the outbox and sent at most once per {@code notificationKey}.
 *
 * @param template e.g. {@code payment_failed}, {@code subscription_canceled}
 * @param data     values the template fills in; never card numbers or secrets
 */
public record CustomerNotification(String notificationKey, String customerId, String template,
                                   Map<String, String> data, Instant businessTime) {
    public CustomerNotification {
        data = new TreeMap<>(data);
    }
}
