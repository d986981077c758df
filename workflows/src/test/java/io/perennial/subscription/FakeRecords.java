package io.perennial.subscription;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

final class FakeRecords implements SubscriptionRecordActivities {
    private final List<SubscriptionState> written = new CopyOnWriteArrayList<>();

    @Override
    public void recordSubscription(SubscriptionState state) {
        written.add(state);
    }

    SubscriptionState last() {
        return written.get(written.size() - 1);
    }

    List<SubscriptionState> all() {
        return written;
    }
}
