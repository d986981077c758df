package io.perennial.subscription;

import io.perennial.notification.CustomerNotification;
import io.perennial.notification.NotificationActivities;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The outbox for workflow tests (subscriptions and orders): one notification per key. */
public final class FakeNotifications implements NotificationActivities {
    private final Map<String, CustomerNotification> byKey = new ConcurrentHashMap<>();
    private final List<CustomerNotification> sent = new CopyOnWriteArrayList<>();

    @Override
    public void notifyCustomer(CustomerNotification notification) {
        if (byKey.putIfAbsent(notification.notificationKey(), notification) == null) {
            sent.add(notification);
        }
    }

    public List<String> templates() {
        return sent.stream().map(CustomerNotification::template).toList();
    }

    public List<CustomerNotification> sent() {
        return sent;
    }
}
