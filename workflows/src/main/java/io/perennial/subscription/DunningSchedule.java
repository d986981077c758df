package io.perennial.subscription;

import java.time.Duration;
import java.util.List;

/**
 * When a declined charge is retried, as offsets from the first decline (default: 1, 3, 5 and 7 days).
 * When every retry is declined the subscription is canceled with reason {@code payment_failed}.
 *
 * <p>A provider that fails (5xx, timeouts) is retried by the activity for {@code gatewayRetryWindow} (default
 * 30 minutes); if it is still down, the renewal is put on hold and tried again after {@code gatewayHold} (default
 * 1 hour), or at once when ops retry it. Neither counts as a dunning attempt.
 */
public record DunningSchedule(List<Duration> retryOffsets, Duration gatewayRetryWindow, Duration gatewayHold) {
    public static final Duration DEFAULT_GATEWAY_RETRY_WINDOW = Duration.ofMinutes(30);
    public static final Duration DEFAULT_GATEWAY_HOLD = Duration.ofHours(1);

    public DunningSchedule {
        retryOffsets = List.copyOf(retryOffsets);
        if (gatewayRetryWindow == null) {
            gatewayRetryWindow = DEFAULT_GATEWAY_RETRY_WINDOW;
        }
        if (gatewayHold == null) {
            gatewayHold = DEFAULT_GATEWAY_HOLD;
        }
    }

    public DunningSchedule(List<Duration> retryOffsets) {
        this(retryOffsets, null, null);
    }

    /** Retries 1, 3, 5 and 7 days after the first decline. */
    public static DunningSchedule standard() {
        return new DunningSchedule(List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)));
    }
}
