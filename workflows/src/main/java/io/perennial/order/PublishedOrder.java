package io.perennial.order;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.PerennialSearchAttributes;
import io.temporal.workflow.Workflow;

/** What the outside sees of an order: the read model, the status search attribute and the current-details line. */
final class PublishedOrder {

    private final OrderRecordActivities records = ActivityStubs.database(OrderRecordActivities.class);
    private final Order order;
    private long recordedRevision;
    private OrderStatus publishedStatus;

    PublishedOrder(Order order) {
        this.order = order;
    }

    /** Writes the read model, and the search attribute when the status changed. */
    void publish() {
        if (recordedRevision == order.revision) {
            return;
        }
        OrderState state = order.state();
        records.recordOrder(state);
        recordedRevision = order.revision;
        Workflow.setCurrentDetails(order.status + (order.booking == null ? ""
                : " · tracking " + order.booking.trackingNumber())
                + (order.failureReason == null ? "" : " · " + order.failureReason));
        if (order.status != publishedStatus) {
            Workflow.upsertTypedSearchAttributes(
                    PerennialSearchAttributes.CUSTOMER_ID.valueSet(order.request.customerId()),
                    PerennialSearchAttributes.ORDER_STATUS.valueSet(order.status.name()));
            publishedStatus = order.status;
        }
    }
}
