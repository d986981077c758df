package io.perennial.worker;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.perennial.analytics.AnalyticsRollupActivities;
import io.perennial.billing.BillingActivities;
import io.perennial.billing.SentInvoiceActivities;
import io.perennial.fulfilment.BoxActivities;
import io.perennial.ops.OpsBatchActivities;
import io.perennial.ops.RenewalOpsActivities;
import io.perennial.periodic.PurgeActivities;
import io.perennial.datalake.DataLakeActivities;
import io.perennial.points.PointsActivities;
import io.perennial.recommendation.RecommendationActivities;
import io.perennial.providerevent.ProviderEventActivities;
import io.perennial.reconciliation.ReconciliationActivities;
import io.perennial.notification.NotificationActivities;
import io.perennial.payment.PaymentActivities;
import io.perennial.restock.RestockActivities;
import io.perennial.subscription.SubscriptionRecordActivities;
import io.perennial.temporal.TaskQueues;
import io.perennial.webhook.WebhookActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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
    private final RenewalOpsActivities renewalOps;
    private final OpsBatchActivities opsBatches;
    private final ReconciliationActivities reconciliation;
    private final ProviderEventActivities providerEvents;
    private final PurgeActivities purges;
    private final OrderQueueActivities orders;
    private final RestockActivities restocks;
    private final AnalyticsRollupActivities analytics;
    private final SentInvoiceActivities sentInvoices;
    private final WebhookActivities webhooks;
    private final PointsActivities points;
    private final RecommendationActivities recommendations;
    private final DataLakeActivities lake;
    private final Duration shutdownGrace;

    /** @param shutdownGrace how long running activities may go on once the worker is asked to stop */
    public TemporalWorker(WorkflowClient client, SearchAttributeRegistrar searchAttributes, PaymentActivities payments,
                          SubscriptionRecordActivities subscriptionRecords, BillingActivities billing,
                          NotificationActivities notifications, BoxActivities boxes,
                          RenewalOpsActivities renewalOps, OpsBatchActivities opsBatches,
                          ReconciliationActivities reconciliation,
                          ProviderEventActivities providerEvents, PurgeActivities purges, OrderQueueActivities orders,
                          RestockActivities restocks, AnalyticsRollupActivities analytics,
                          SentInvoiceActivities sentInvoices,
                          WebhookActivities webhooks, PointsActivities points,
                          RecommendationActivities recommendations, DataLakeActivities lake,
                          @Value("${perennial.worker.shutdown-grace:20s}") Duration shutdownGrace) {
        this.factory = WorkerFactory.newInstance(client);
        this.searchAttributes = searchAttributes;
        this.payments = payments;
        this.subscriptionRecords = subscriptionRecords;
        this.billing = billing;
        this.notifications = notifications;
        this.boxes = boxes;
        this.renewalOps = renewalOps;
        this.opsBatches = opsBatches;
        this.reconciliation = reconciliation;
        this.providerEvents = providerEvents;
        this.purges = purges;
        this.orders = orders;
        this.restocks = restocks;
        this.analytics = analytics;
        this.sentInvoices = sentInvoices;
        this.webhooks = webhooks;
        this.points = points;
        this.recommendations = recommendations;
        this.lake = lake;
        this.shutdownGrace = shutdownGrace;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    public void start() {
        searchAttributes.registerMissing();
        Worker subscriptions = factory.newWorker(TaskQueues.SUBSCRIPTIONS);
        subscriptions.registerWorkflowImplementationTypes(
                HostedWorkflows.ON_SUBSCRIPTIONS_QUEUE.toArray(Class<?>[]::new));
        subscriptions.registerActivitiesImplementations(payments, subscriptionRecords, billing, notifications, boxes,
                renewalOps, opsBatches, reconciliation, providerEvents, purges, analytics, sentInvoices, points,
                recommendations, lake);
        // Orders on their own queue, so fulfilment can be scaled and watched apart from billing.
        Worker fulfilment = factory.newWorker(TaskQueues.ORDERS);
        fulfilment.registerWorkflowImplementationTypes(HostedWorkflows.ON_ORDERS_QUEUE.toArray(Class<?>[]::new));
        fulfilment.registerActivitiesImplementations(orders.implementations());
        // Restocks too: one per SKU, started by inventory, fed by suppliers and ops receipts.
        Worker restocking = factory.newWorker(TaskQueues.RESTOCKS);
        restocking.registerWorkflowImplementationTypes(HostedWorkflows.ON_RESTOCKS_QUEUE.toArray(Class<?>[]::new));
        restocking.registerActivitiesImplementations(restocks);
        // Webhook deliveries wait on receivers for up to 10 s an attempt: kept apart from billing's slots.
        Worker outbound = factory.newWorker(TaskQueues.WEBHOOKS);
        outbound.registerWorkflowImplementationTypes(HostedWorkflows.ON_WEBHOOKS_QUEUE.toArray(Class<?>[]::new));
        outbound.registerActivitiesImplementations(webhooks);
        factory.start();
        log.info("Worker polling task queues '{}', '{}', '{}' and '{}'", TaskQueues.SUBSCRIPTIONS, TaskQueues.ORDERS,
                TaskQueues.RESTOCKS, TaskQueues.WEBHOOKS);
    }

    /**
     * Stops taking new tasks from every queue; the server keeps them (timers fire, tasks queue up) until
     * {@link #resumePolling}. The billing-day benchmark uses it to hold a burst of due renewals back and release it at
     * once.
     */
    public void suspendPolling() {
        factory.suspendPolling();
    }

    public void resumePolling() {
        factory.resumePolling();
    }

    public boolean isRunning() {
        return factory.isStarted() && !factory.isShutdown();
    }

    /**
     * Stops polling and lets running activities finish within the grace period; then interrupts the rest, whose
     * attempts fail and are retried by Temporal on another worker (charges under the same idempotency key).
     */
    @PreDestroy
    public void stop() throws InterruptedException {
        factory.shutdown();
        factory.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
        if (!factory.isTerminated()) {
            log.warn("Activities still running after {}; abandoning them to other workers", shutdownGrace);
            factory.shutdownNow();
            factory.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
