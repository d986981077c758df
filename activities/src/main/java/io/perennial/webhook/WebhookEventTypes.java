package io.perennial.webhook;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The event types an endpoint may subscribe to (the catalogue of issue 13), or {@value #ALL} for every one. */
public final class WebhookEventTypes {

    public static final String ALL = "*";

    public static final Set<String> CATALOGUE = new TreeSet<>(List.of(
            "customer.created",
            "customer.subscription.created", "customer.subscription.updated",
            "customer.subscription.trial_will_end", "customer.subscription.paused",
            "customer.subscription.resumed", "customer.subscription.past_due", "customer.subscription.canceled",
            "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_failed", "invoice.voided",
            "invoice.overdue",
            "payment.succeeded", "payment.failed", "payment.refunded",
            "order.created", "order.paid", "order.backordered", "order.shipped", "order.delivered", "order.canceled",
            "shipment.exception", "stock.low", "purchase_order.placed", "purchase_order.received"));

    private WebhookEventTypes() {
    }

    /** The first type that is neither in the catalogue nor {@value #ALL}, if any. */
    public static java.util.Optional<String> firstUnknown(List<String> types) {
        return types.stream().filter(type -> !ALL.equals(type) && !CATALOGUE.contains(type)).findFirst();
    }
}
