package io.perennial.subscription;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

final class FakeRecords implements SubscriptionRecordActivities {
    private final List<SubscriptionState> written = new CopyOnWriteArrayList<>();
    private final List<java.time.Instant> times = new CopyOnWriteArrayList<>();
    private volatile Predicate<SubscriptionState> trigger = state -> false;
    private volatile Runnable action = () -> { };
    private final AtomicBoolean fired = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger();

    /** The next {@code writes} writes fail, as a database that refuses connections would. */
    void failNext(int writes) {
        failuresLeft.set(writes);
    }

    /** Once, when a written state matches, runs {@code then} on another thread (as another client would). */
    void onRecord(Predicate<SubscriptionState> when, Runnable then) {
        this.trigger = when;
        this.action = then;
    }

    @Override
    public void recordSubscription(SubscriptionState state) {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("connection refused (simulated)");
        }
        written.add(state);
        if (trigger.test(state) && fired.compareAndSet(false, true)) {
            Thread racer = new Thread(action, "racing-client");
            racer.start();
            try {
                // A racer that needs a workflow task (an Update waiting to be accepted) cannot finish while a write
                // made as a local activity holds the task open: the write answers after a while, as a real one
                // never waits for a client.
                racer.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void recordSubscriptionAt(SubscriptionState state, java.time.Instant at) {
        times.add(at);
        recordSubscription(state);
    }

    /** The workflow times the local writes were made at. */
    List<java.time.Instant> times() {
        return times;
    }

    SubscriptionState last() {
        return written.get(written.size() - 1);
    }

    List<SubscriptionState> all() {
        return written;
    }
}
