package io.perennial.webhook;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers every event meant for one webhook endpoint, with id {@code webhook-endpoint-{endpointId}} (search
 * attribute {@code WebhookEndpointId}). Started or fed by signal-with-start; each delivery is attempted until a 2xx,
 * with exponential backoff and jitter for up to three days; an endpoint failing three days straight is disabled.
 * Ordering is not promised. Continues as new with its pending deliveries so its history stays bounded.
 */
@WorkflowInterface
public interface WebhookEndpointWorkflow {

    @WorkflowMethod
    void run(WebhookEndpointRun run);

    /** A delivery to attempt now: new, or one an admin retries or replays. */
    @SignalMethod
    void deliver(DeliveryRequest request);
}
