package io.perennial.subscription;

import io.perennial.notification.CustomerNotification;
import io.perennial.notification.NotificationActivities;
import io.perennial.temporal.ActivityStubs;

import java.util.Map;

import static io.perennial.temporal.BusinessTime.now;

/** Tells the subscriber something, once per key: {@code {subscriptionId}:{suffix}}. */
final class CustomerNotices {

    private final NotificationActivities notifications = ActivityStubs.database(NotificationActivities.class);
    private final SubscriptionStart start;

    CustomerNotices(SubscriptionStart start) {
        this.start = start;
    }

    void send(String suffix, String template, Map<String, String> data) {
        notifications.notifyCustomer(new CustomerNotification(start.subscriptionId() + ":" + suffix,
                start.customerId(), template, data, now()));
    }
}
