package io.perennial.worker;

import io.perennial.analytics.AnalyticsRollupWorkflowImpl;
import io.perennial.billing.InvoicePaymentWorkflowImpl;
import io.perennial.ops.PeriodRefundWorkflowImpl;
import io.perennial.ops.OpsBatchWorkflowImpl;
import io.perennial.ops.RenewalRetryBatchWorkflowImpl;
import io.perennial.order.OrderFulfillmentWorkflowImpl;
import io.perennial.order.OrderRefundWorkflowImpl;
import io.perennial.periodic.PeriodicJobLoopWorkflowImpl;
import io.perennial.periodic.PurgeWorkflowImpl;
import io.perennial.datalake.DataLakeExportWorkflowImpl;
import io.perennial.points.PointsExpiryWorkflowImpl;
import io.perennial.recommendation.RecommendationRefreshWorkflowImpl;
import io.perennial.providerevent.ProviderEventWorkflowImpl;
import io.perennial.reconciliation.ReconciliationWorkflowImpl;
import io.perennial.restock.RestockWorkflowImpl;
import io.perennial.subscription.SubscriptionWorkflowImpl;
import io.perennial.webhook.WebhookEndpointWorkflowImpl;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;

import java.util.List;
import java.util.stream.Stream;

/**
 * The workflow implementations the worker registers. The replay command replays against the same list, so a
 * workflow the worker hosts can never be left out of the pre-deploy check.
 */
public final class HostedWorkflows {

    /** Polled on the {@code subscriptions} task queue. */
    public static final List<Class<?>> ON_SUBSCRIPTIONS_QUEUE = List.of(SubscriptionWorkflowImpl.class,
            RenewalRetryBatchWorkflowImpl.class, PeriodRefundWorkflowImpl.class, ReconciliationWorkflowImpl.class,
            PurgeWorkflowImpl.class, PeriodicJobLoopWorkflowImpl.class, ProviderEventWorkflowImpl.class,
            AnalyticsRollupWorkflowImpl.class, OpsBatchWorkflowImpl.class, PointsExpiryWorkflowImpl.class,
            RecommendationRefreshWorkflowImpl.class, DataLakeExportWorkflowImpl.class, InvoicePaymentWorkflowImpl.class);

    /** Polled on the {@code orders} task queue. */
    public static final List<Class<?>> ON_ORDERS_QUEUE = List.of(OrderFulfillmentWorkflowImpl.class,
            OrderRefundWorkflowImpl.class);

    /** Polled on the {@code restocks} task queue. */
    public static final List<Class<?>> ON_RESTOCKS_QUEUE = List.of(RestockWorkflowImpl.class);

    /** Polled on the {@code webhooks} task queue. */
    public static final List<Class<?>> ON_WEBHOOKS_QUEUE = List.of(WebhookEndpointWorkflowImpl.class);

    /** Every workflow the worker hosts, on whichever queue. */
    public static final List<Class<?>> IMPLEMENTATIONS = Stream.of(ON_SUBSCRIPTIONS_QUEUE, ON_ORDERS_QUEUE,
            ON_RESTOCKS_QUEUE, ON_WEBHOOKS_QUEUE).flatMap(List::stream).toList();

    private HostedWorkflows() {
    }

    /** The workflow type names of {@code implementations}, e.g. {@code SubscriptionWorkflow}, in their order. */
    public static List<String> typeNames(List<Class<?>> implementations) {
        return implementations.stream()
                .flatMap(type -> POJOWorkflowImplMetadata.newInstance(type).getWorkflowMethods().stream())
                .map(POJOWorkflowMethodMetadata::getName)
                .distinct()
                .toList();
    }
}
