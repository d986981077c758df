package io.perennial.subscription;

import java.time.Duration;
import java.util.List;

/**
 * When a declined renewal is tried again, as offsets from the first decline of the period.
 * When every retry is declined the subscription is canceled with reason {@code payment_failed}.
 */
public record DunningSchedule(List<Duration> retryOffsets) {
    public DunningSchedule {
        retryOffsets = List.copyOf(retryOffsets);
    }

    /** Retries 1, 3, 5 and 7 days after the first decline. */
    public static DunningSchedule standard() {
        return new DunningSchedule(List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)));
    }
}
