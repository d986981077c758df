package io.perennial.webhook;

import io.temporal.activity.ActivityInterface;

/** Sends and records webhook attempts. Secrets stay in the activity: they never enter workflow history. */
@ActivityInterface
public interface WebhookActivities {

    /** Signs and POSTs the event (10 s timeout), records the attempt (status, latency, first 1 KB, error). */
    AttemptOutcome attempt(AttemptRequest request);

    /** Marks a delivery given up after three days of failures. */
    void giveUp(String deliveryId);

    /** Disables an endpoint that failed three days straight, gives up its deliveries and e-mails the admins. */
    void disable(EndpointDisabling disabling);
}
