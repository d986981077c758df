package io.perennial.notification;

import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import io.perennial.subscription.StoredItems;
import io.perennial.subscription.SubscriptionRecordRepository;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * customer.subscription.trial_will_end, written with the trial-ending reminder (by default 3 days before the trial
 * ends): the reminder is the moment the workflow decides the trial is about to end. Its key is
 * {@code {subscriptionId}:trial-ending}, the subscription's business identity.
 */
@Singleton
class TrialEndingEvents {

    static final String TEMPLATE = "trial_ending";
    private static final String KEY_SUFFIX = ":trial-ending";

    private final EventLog events;
    private final SubscriptionRecordRepository subscriptions;
    private final StoredItems items;

    TrialEndingEvents(EventLog events, SubscriptionRecordRepository subscriptions, StoredItems items) {
        this.events = events;
        this.subscriptions = subscriptions;
        this.items = items;
    }

    void reminded(CustomerNotification notification) {
        String key = notification.notificationKey();
        if (!TEMPLATE.equals(notification.template()) || !key.endsWith(KEY_SUFFIX)) {
            return;
        }
        String subscriptionId = key.substring(0, key.length() - KEY_SUFFIX.length());
        subscriptions.findById(UUID.fromString(subscriptionId)).ifPresent(row -> events.record(
                EventType.SUBSCRIPTION_TRIAL_WILL_END, subscriptionId, "trial-ending", notification.businessTime(),
                EventObjects.subscription(row, items.of(row.id()))));
    }
}
