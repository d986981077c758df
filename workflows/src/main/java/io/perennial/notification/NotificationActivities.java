package io.perennial.notification;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface NotificationActivities {
    /** Puts a notification in the outbox, once per key; delivery happens from there. */
    @ActivityMethod(name = "NotifyCustomer")
    void notifyCustomer(CustomerNotification notification);
}
