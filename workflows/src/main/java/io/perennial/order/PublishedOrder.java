package io.perennial.order;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.PerennialSearchAttributes;
import io.temporal.workflow.Workflow;

/** What the outside sees of an order: the read model, the status search attribute and the current-details line. */
final class PublishedOrder {

    /** Since this change a change accepted while the read model was written is written too. */
    static final String PUBLISH_EVERY_REVISION = "order-publish-every-revision";

    private final OrderRecordActivities records = ActivityStubs.database(OrderRecordActivities.class);
    private final Order order;
    private long recordedRevision;
    private OrderStatus publishedStatus;

    PublishedOrder(Order order) {
        this.order = order;
    }

    /** Writes the read model, and the search attribute when the status changed, until the row has every change. */
    void publish() {
        while (recordedRevision != order.revision) {
            publishOnce();
        }
    }

    private void publishOnce() {
        long writing = order.revision;
        OrderState state = order.state();
        records.recordOrder(state);
        // A change accepted while the write ran (a cancel, a new address) is not in the row yet: write again. Asked
        // only when that happens, so histories without the race carry no marker.
        recordedRevision = order.revision != writing
                && Workflow.getVersion(PUBLISH_EVERY_REVISION, Workflow.DEFAULT_VERSION, 1) == 1
                ? writing : order.revision;
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
