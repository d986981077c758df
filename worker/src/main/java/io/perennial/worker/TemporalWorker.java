package io.perennial.worker;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.perennial.billing.BillingActivities;
import io.perennial.fulfilment.BoxActivities;
import io.perennial.notification.NotificationActivities;
import io.perennial.payment.PaymentActivities;
import io.perennial.subscription.SubscriptionRecordActivities;
import io.perennial.temporal.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** Polls Perennial's task queues with the workflow and activity implementations. */
@Context
@Requires(property = "perennial.worker.enabled", notEquals = "false")
public class TemporalWorker {

    private static final Logger log = LoggerFactory.getLogger(TemporalWorker.class);

    private final WorkerFactory factory;
    private final SearchAttributeRegistrar searchAttributes;
    private final PaymentActivities payments;
    private final SubscriptionRecordActivities subscriptionRecords;
    private final BillingActivities billing;
    private final NotificationActivities notifications;
    private final BoxActivities boxes;

    public TemporalWorker(WorkflowClient client, SearchAttributeRegistrar searchAttributes, PaymentActivities payments,
                          SubscriptionRecordActivities subscriptionRecords, BillingActivities billing,
                          NotificationActivities notifications, BoxActivities boxes) {
        this.factory = WorkerFactory.newInstance(client);
        this.searchAttributes = searchAttributes;
        this.payments = payments;
        this.subscriptionRecords = subscriptionRecords;
        this.billing = billing;
        this.notifications = notifications;
        this.boxes = boxes;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        searchAttributes.registerMissing();
        Worker subscriptions = factory.newWorker(TaskQueues.SUBSCRIPTIONS);
        subscriptions.registerWorkflowImplementationTypes(HostedWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
        subscriptions.registerActivitiesImplementations(payments, subscriptionRecords, billing, notifications, boxes);
        factory.start();
        log.info("Worker polling task queue '{}'", TaskQueues.SUBSCRIPTIONS);
    }

    public boolean isRunning() {
        return factory.isStarted() && !factory.isShutdown();
    }

    /** Stops polling, lets running activities finish for a while, then gives their tasks back to the server. */
    @PreDestroy
    void stop() throws InterruptedException {
        factory.shutdown();
        factory.awaitTermination(20, TimeUnit.SECONDS);
        if (!factory.isTerminated()) {
            factory.shutdownNow();
        }
    }
}
