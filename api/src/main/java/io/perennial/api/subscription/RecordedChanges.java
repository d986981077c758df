package io.perennial.api.subscription;

import io.micronaut.context.annotation.Value;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionState;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;

/**
 * Read-your-writes for the read model: a change made through the API answers only once the workflow has recorded
 * it, so the client's next {@code GET} (served from the read model) shows it. The workflow records every change in
 * the loop that the change wakes, one activity later; this waits for that revision, polling with backoff, for at
 * most {@code perennial.api.read-model-catch-up} (then it answers anyway and says so in the log: the change is
 * made, and the read model shows it as soon as the worker gets to it).
 */
@Singleton
public class RecordedChanges {

    private static final Logger log = LoggerFactory.getLogger(RecordedChanges.class);
    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 50;

    private final SubscriptionRecordRepository records;
    private final Duration patience;

    public RecordedChanges(SubscriptionRecordRepository records,
                           @Value("${perennial.api.read-model-catch-up:5s}") Duration patience) {
        this.records = records;
        this.patience = patience;
    }

    /** Returns the state once the read model holds its revision (or a newer one), or after the patience ran out. */
    SubscriptionState recorded(UUID subscriptionId, SubscriptionState state) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (records.findRevisionById(subscriptionId).orElse(Long.MAX_VALUE) < state.revision()) {
            if (System.nanoTime() - deadline > 0) {
                log.warn("The read model of {} has not reached revision {} after {}; answering anyway",
                        subscriptionId, state.revision(), patience);
                return state;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
        return state;
    }
}
