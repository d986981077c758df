package io.perennial.temporal;

/** Workflow ids are business keys: ops find a workflow in the Temporal UI by the id they already know. */
public final class WorkflowIds {
    private static final String SUBSCRIPTION_PREFIX = "subscription-";

    private WorkflowIds() {
    }

    public static String subscription(String subscriptionId) {
        return SUBSCRIPTION_PREFIX + subscriptionId;
    }

    /** The effects of one provider webhook event, by the provider's event id (a redelivery finds it started). */
    public static String providerEvent(String eventId) {
        return "provider-event-" + eventId;
    }

    /** Opening a redirect payment of a sent invoice, one method at a time. */
    public static String invoicePayment(String invoiceId, String method) {
        return "invoice-payment-" + invoiceId + "-" + method;
    }

    /** A one-off order, or a subscription box as {@code {subscriptionId}-p{period}}. */
    public static String order(String orderId) {
        return "order-" + orderId;
    }

    /** The durable delivery of every event to one webhook endpoint. */
    public static String webhookEndpoint(String endpointId) {
        return "webhook-endpoint-" + endpointId;
    }

    /** The one open restock of a SKU. */
    public static String restock(String sku) {
        return "restock-" + sku;
    }

    /** A bulk retry of failed renewals. */
    public static String renewalRetry(String batchId) {
        return "renewal-retry-" + batchId;
    }

    /** A tracked ops batch: a plan-version migration or a batch reset. */
    public static String opsBatch(String batchId) {
        return "ops-batch-" + batchId;
    }

    /** An ops refund of a subscription's period, one per refund key. */
    public static String refund(String refundKey) {
        return "refund-" + refundKey;
    }

    /** A reconciliation sweep started by hand ({@code ops-{uuid}}); the Schedule's runs are {@code schedule-…}. */
    public static String reconciliation(String runName) {
        return "reconciliation-" + runName;
    }

    /** An analytics backfill started by hand ({@code ops-{uuid}}); the Schedule's runs are {@code schedule-…}. */
    public static String analyticsRollup(String runName) {
        return "analytics-rollup-" + runName;
    }

    /** A recommendation refresh started by hand ({@code ops-{uuid}}); the Schedule's runs are {@code schedule-…}. */
    public static String recommendationRefresh(String runName) {
        return "recommendations-refresh-" + runName;
    }
}
