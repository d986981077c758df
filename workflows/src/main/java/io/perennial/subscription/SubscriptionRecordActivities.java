package io.perennial.subscription;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Keeps the subscriptions read model in PostgreSQL current; visibility is eventually consistent, the read model serves lists. */
@ActivityInterface
public interface SubscriptionRecordActivities {

    @ActivityMethod(name = "RecordSubscription")
    void recordSubscription(SubscriptionState state);
}
