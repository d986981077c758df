package io.perennial.order;

import io.perennial.notification.CustomerNotification;
import io.perennial.notification.NotificationActivities;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;

import java.util.Map;

import static io.perennial.order.OrderSteps.undoing;
import static io.perennial.temporal.BusinessTime.now;

/**
 * A box that will not ship gives back what its period cost, once (the refund key is the box's), and the subscriber
 * hears why: unfilled when the period ended without stock, otherwise canceled or failed.
 */
final class BoxRefund {

    /** The refund must happen, so it retries until it does. */
    private final PaymentActivities boxRefunds = ActivityStubs.remote(PaymentActivities.class,
            RetryPolicies.COMPENSATION);
    private final NotificationActivities notifications = ActivityStubs.database(NotificationActivities.class);
    private final Order order;

    BoxRefund(Order order) {
        this.order = order;
    }

    void refund(OrderStatus ending) {
        OrderRequest request = order.request;
        PrepaidBox box = request.prepaidBy();
        if (box.paidMinor() > 0) {
            undoing("box refund", () -> {
                RefundReceipt receipt = boxRefunds.refund(new RefundRequest(box.refundKey(), box.subscriptionId(),
                        box.period(), box.paidMinor(), request.currency(), "box not shipped: " + order.failureReason,
                        now()));
                order.refundedMinor += receipt.amountMinor();
            }, order.compensationFailures).apply();
        }
        String template = ending == OrderStatus.CANCELED_BACKORDER ? "box_unfilled" : "box_not_shipped";
        undoing("subscriber notification", () -> notifications.notifyCustomer(new CustomerNotification(
                box.refundKey() + ":" + template, request.customerId(), template, Map.of(
                        "period", String.valueOf(box.period()),
                        "amountMinor", String.valueOf(order.refundedMinor),
                        "currency", request.currency(),
                        "reason", order.failureReason), now())), order.compensationFailures).apply();
    }
}
