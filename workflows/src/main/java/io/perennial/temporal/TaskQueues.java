package io.perennial.temporal;

/** Task queues the worker polls. One per business process, so each can be scaled and watched on its own. */
public final class TaskQueues {
    public static final String SUBSCRIPTIONS = "subscriptions";
    /** Order fulfilment: the order workflow and its stock, payment, shipping and read-model activities. */
    public static final String ORDERS = "orders";
    /** Restocks: one RestockWorkflow per SKU and its supplier, receipt and reminder activities. */
    public static final String RESTOCKS = "restocks";
    /** Outbound webhooks: one WebhookEndpointWorkflow per endpoint and its delivery attempts. */
    public static final String WEBHOOKS = "webhooks";

    private TaskQueues() {
    }
}
