package io.perennial.worker;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.perennial.webhook.DeliveryRequest;
import io.perennial.webhook.WebhookDelivery;
import io.perennial.webhook.WebhookEndpointRun;
import io.perennial.webhook.WebhookEndpointWorkflow;
import io.perennial.webhook.WebhookOutbox;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the event log to the endpoints' workflows: every half second of wall time (so a receiver sees an
 * event within a second or so, also while the embedded test clock stands still, and a test clock jump of days does
 * not make it run days' worth of passes), each a pass over rows no other worker holds. Each delivery is handed over
 * by signal-with-start of {@code webhook-endpoint-{id}}; the workflow's retry timers follow the workflow clock.
 */
@Singleton
@Requires(property = "perennial.worker.enabled", notEquals = "false")
public class WebhookRelay {

    private static final Logger log = LoggerFactory.getLogger(WebhookRelay.class);

    private final WebhookOutbox outbox;
    private final WorkflowClient temporal;

    public WebhookRelay(WebhookOutbox outbox, WorkflowClient temporal) {
        this.outbox = outbox;
        this.temporal = temporal;
    }

    @Scheduled(fixedDelay = "${perennial.webhooks.relay-every:500ms}", initialDelay = "1s")
    public void pass() {
        try {
            while (outbox.relayEvents() > 0) {
                // a backlog: keep going until the log is drained
            }
            while (outbox.handOver(this::handOver) > 0) {
                // likewise
            }
        } catch (RuntimeException e) {
            log.warn("Webhook relay pass failed, trying again next pass: {}", e.getMessage());
        }
    }

    private void handOver(WebhookDelivery delivery) {
        WebhookEndpointWorkflow endpoint = temporal.newWorkflowStub(WebhookEndpointWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.webhookEndpoint(delivery.endpointId()))
                        .setTaskQueue(TaskQueues.WEBHOOKS)
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(PerennialSearchAttributes.WEBHOOK_ENDPOINT_ID, delivery.endpointId()).build())
                        .build());
        BatchRequest start = temporal.newSignalWithStartRequest();
        start.add(endpoint::run, WebhookEndpointRun.start(delivery.endpointId()));
        start.add(endpoint::deliver, new DeliveryRequest(delivery.id()));
        temporal.signalWithStart(start);
    }
}
