package io.perennial.subscription;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

final class FakeRecords implements SubscriptionRecordActivities {
    private final List<SubscriptionState> written = new CopyOnWriteArrayList<>();
    private volatile Predicate<SubscriptionState> trigger = state -> false;
    private volatile Runnable action = () -> { };
    private final AtomicBoolean fired = new AtomicBoolean();

    /** Once, when a written state matches, runs {@code then} on another thread (as another client would). */
    void onRecord(Predicate<SubscriptionState> when, Runnable then) {
        this.trigger = when;
        this.action = then;
    }

    @Override
    public void recordSubscription(SubscriptionState state) {
        written.add(state);
        if (trigger.test(state) && fired.compareAndSet(false, true)) {
            Thread racer = new Thread(action, "racing-client");
            racer.start();
            try {
                racer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    SubscriptionState last() {
        return written.get(written.size() - 1);
    }

    List<SubscriptionState> all() {
        return written;
    }
}
