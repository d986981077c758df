package io.perennial.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of events, named the way API clients already know the resources (docs/api.md says when each is
 * written and what its {@code data.object} is). The wire name is what {@code type} holds.
 */
public enum EventType {
    CUSTOMER_CREATED("customer.created", "customer"),
    CUSTOMER_DELETED("customer.deleted", "customer"),
    SUBSCRIPTION_CREATED("customer.subscription.created", "subscription"),
    SUBSCRIPTION_UPDATED("customer.subscription.updated", "subscription"),
    SUBSCRIPTION_TRIAL_WILL_END("customer.subscription.trial_will_end", "subscription"),
    SUBSCRIPTION_PAUSED("customer.subscription.paused", "subscription"),
    SUBSCRIPTION_RESUMED("customer.subscription.resumed", "subscription"),
    SUBSCRIPTION_PAST_DUE("customer.subscription.past_due", "subscription"),
    SUBSCRIPTION_SUSPENDED("customer.subscription.suspended", "subscription"),
    SUBSCRIPTION_REACTIVATED("customer.subscription.reactivated", "subscription"),
    SUBSCRIPTION_CANCELED("customer.subscription.canceled", "subscription"),
    INVOICE_CREATED("invoice.created", "invoice"),
    INVOICE_FINALIZED("invoice.finalized", "invoice"),
    INVOICE_PAID("invoice.paid", "invoice"),
    INVOICE_PAYMENT_FAILED("invoice.payment_failed", "invoice"),
    INVOICE_VOIDED("invoice.voided", "invoice"),
    INVOICE_OVERDUE("invoice.overdue", "invoice"),
    CREDIT_NOTE_CREATED("credit_note.created", "credit_note"),
    PAYMENT_SUCCEEDED("payment.succeeded", "payment"),
    PAYMENT_FAILED("payment.failed", "payment"),
    PAYMENT_REFUNDED("payment.refunded", "payment"),
    ORDER_CREATED("order.created", "order"),
    ORDER_PAID("order.paid", "order"),
    ORDER_BACKORDERED("order.backordered", "order"),
    ORDER_SHIPPED("order.shipped", "order"),
    ORDER_DELIVERED("order.delivered", "order"),
    ORDER_CANCELED("order.canceled", "order"),
    SHIPMENT_EXCEPTION("shipment.exception", "order"),
    STOCK_LOW("stock.low", "sku"),
    PURCHASE_ORDER_PLACED("purchase_order.placed", "purchase_order"),
    PURCHASE_ORDER_RECEIVED("purchase_order.received", "purchase_order");

    private final String wireName;
    private final String resourceType;

    EventType(String wireName, String resourceType) {
        this.wireName = wireName;
        this.resourceType = resourceType;
    }

    /** What clients see in {@code type}, e.g. {@code invoice.paid}. */
    public String wireName() {
        return wireName;
    }

    /**
     * What {@code data.object} is: customer, subscription, invoice, credit_note, payment, order, sku or
     * purchase_order.
     */
    public String resourceType() {
        return resourceType;
    }

    public static Optional<EventType> ofWireName(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
