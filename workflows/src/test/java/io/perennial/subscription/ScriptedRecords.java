package io.perennial.subscription;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The subscriptions read model for the money property test: the last row written per subscription, as the
 * PostgreSQL table keeps it (a write of an older revision than the row's is ignored, like the real upsert). Each write
 * lets the subscription's hook send changes to the workflow at once, so a cancel can arrive while the task that wrote
 * is still open.
 */
final class ScriptedRecords implements SubscriptionRecordActivities {
    private final Map<String, SubscriptionState> rows = new LinkedHashMap<>();
    private final Map<String, Consumer<SubscriptionState>> hooks = new LinkedHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();

    synchronized void hook(String subscriptionId, Consumer<SubscriptionState> whileWriting) {
        hooks.put(subscriptionId, whileWriting);
    }

    @Override
    public void recordSubscription(SubscriptionState state) {
        busy.incrementAndGet();
        Consumer<SubscriptionState> hook;
        synchronized (this) {
            SubscriptionState row = rows.get(state.subscriptionId());
            // The same revision again is its workflow task run again: its write is the one the history keeps.
            if (row == null || row.revision() <= state.revision()) {
                rows.put(state.subscriptionId(), state);
            }
            hook = hooks.get(state.subscriptionId());
        }
        if (hook == null) {
            busy.decrementAndGet();
            return;
        }
        // The hook's changes race the task that writes (the write is a local activity inside it): an Update cannot
        // be accepted before that task completes, so the write does not wait for them. Busy until they are sent.
        Thread racer = new Thread(() -> {
            try {
                hook.accept(state);
            } finally {
                busy.decrementAndGet();
            }
        }, "racing-write-hook");
        racer.start();
    }

    @Override
    public void recordSubscriptionAt(SubscriptionState state, java.time.Instant at) {
        recordSubscription(state);
    }

    synchronized SubscriptionState row(String subscriptionId) {
        return rows.get(subscriptionId);
    }

    int busy() {
        return busy.get();
    }
}
