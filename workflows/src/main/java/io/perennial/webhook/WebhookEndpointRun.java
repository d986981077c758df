package io.perennial.webhook;

import java.util.List;

/**
 * What one run of an endpoint's workflow starts from, and what it carries into the next when it continues as new.
 *
 * @param pending             deliveries still to make, in the order they came
 * @param failingSinceMillis  workflow time of the first failure since the last success, or 0 while it succeeds
 * @param historyLimit        history length after which the run continues as new
 */
public record WebhookEndpointRun(String endpointId, List<PendingDelivery> pending, long failingSinceMillis,
                                 int historyLimit) {

    /** Continue as new past this many history events: far below Temporal's limits, a few hundred attempts. */
    public static final int DEFAULT_HISTORY_LIMIT = 2_000;

    public static WebhookEndpointRun start(String endpointId) {
        return new WebhookEndpointRun(endpointId, List.of(), 0, DEFAULT_HISTORY_LIMIT);
    }
}
