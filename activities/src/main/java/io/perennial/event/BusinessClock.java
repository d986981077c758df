package io.perennial.event;

import io.temporal.activity.Activity;

import java.time.Instant;

/** Business time inside an activity, for changes whose input carries none. */
public final class BusinessClock {

    private BusinessClock() {
    }

    /**
     * When the workflow asked for the running activity: its first scheduling, on the workflow's clock (so a test
     * clock moves it too; the wall clock would not). Outside an activity (the API, a test), it is now.
     */
    public static Instant now() {
        long scheduled;
        try {
            scheduled = Activity.getExecutionContext().getInfo().getScheduledTimestamp();
        } catch (IllegalStateException notInAnActivity) {
            return Instant.now();
        }
        return scheduled == 0 ? Instant.now() : Instant.ofEpochMilli(scheduled);
    }
}
