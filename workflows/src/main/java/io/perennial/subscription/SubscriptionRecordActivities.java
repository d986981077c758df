package io.perennial.subscription;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Keeps the subscriptions read model in PostgreSQL current; visibility is eventually consistent, the read model serves lists. */
@ActivityInterface
public interface SubscriptionRecordActivities {

    /** Writes the state; its history row is dated when the workflow scheduled the activity. */
    @ActivityMethod(name = "RecordSubscription")
    void recordSubscription(SubscriptionState state);

    /**
     * Writes the state as of {@code at}, the workflow's time: for the local activity, whose own timestamps are the
     * worker's wall clock, not the workflow's (a test clock would not move them).
     */
    @ActivityMethod(name = "RecordSubscriptionAt")
    void recordSubscriptionAt(SubscriptionState state, java.time.Instant at);
}
