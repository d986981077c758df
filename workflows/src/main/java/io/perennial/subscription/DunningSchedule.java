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
 *
 * <p>A charge the issuer asks the customer to authenticate waits {@code customerActionWindow} (default 23 hours,
 * within the day a card network keeps such a request open) for the customer's answer, for the first period as for a
 * renewal or a dunning retry; unanswered, it is a decline and dunning goes on.
 */
public record DunningSchedule(List<Duration> retryOffsets, Duration gatewayRetryWindow, Duration gatewayHold,
                              Duration customerActionWindow) {
    public static final Duration DEFAULT_GATEWAY_RETRY_WINDOW = Duration.ofMinutes(30);
    public static final Duration DEFAULT_GATEWAY_HOLD = Duration.ofHours(1);
    public static final Duration DEFAULT_CUSTOMER_ACTION_WINDOW = Duration.ofHours(23);

    public DunningSchedule {
        retryOffsets = List.copyOf(retryOffsets);
        if (gatewayRetryWindow == null) {
            gatewayRetryWindow = DEFAULT_GATEWAY_RETRY_WINDOW;
        }
        if (gatewayHold == null) {
            gatewayHold = DEFAULT_GATEWAY_HOLD;
        }
        if (customerActionWindow == null) {
            customerActionWindow = DEFAULT_CUSTOMER_ACTION_WINDOW;
        }
    }

    public DunningSchedule(List<Duration> retryOffsets, Duration gatewayRetryWindow, Duration gatewayHold) {
        this(retryOffsets, gatewayRetryWindow, gatewayHold, null);
    }

    public DunningSchedule(List<Duration> retryOffsets) {
        this(retryOffsets, null, null, null);
    }

    /** Retries 1, 3, 5 and 7 days after the first decline. */
    public static DunningSchedule standard() {
        return new DunningSchedule(List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)));
    }
}
