package io.perennial.order;

import io.perennial.order.OrderSteps.StepFailed;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.PerennialSearchAttributes;
import io.temporal.workflow.Workflow;

import static io.perennial.order.OrderSteps.reasonOf;

/** What the outside sees of an order: the read model, the status search attribute and the current-details line. */
final class PublishedOrder {

    /** Since this change a record the read model refuses for good ends the order as FAILED, undone. */
    static final String RECORD_REFUSED_FAILS_ORDER = "record-refused-fails-order";
    /** Since this change a change accepted while the read model was written is written too. */
    static final String PUBLISH_EVERY_REVISION = "order-publish-every-revision";
    private static final Logger log = Workflow.getLogger(PublishedOrder.class);

    private final OrderRecordActivities records = ActivityStubs.database(OrderRecordActivities.class);
    private final Order order;
    private long recordedRevision;
    private OrderStatus publishedStatus;
    /** Why the read model refused this order's record for good; from then on it is not written again. */
    private String recordRefusal;

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
        if (recordRefusal == null) {
            try {
                records.recordOrder(order.state());
            } catch (ActivityFailure failure) {
                recordRefused(failure);
            }
        }
        // A change accepted while the write ran (a cancel, a new address) is not in the row yet: write again. Asked
        // only when that happens, so histories without the race carry no marker. A refused record is not retried.
        recordedRevision = recordRefusal == null && order.revision != writing
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

    /**
     * The read model refused the record for what it holds (no retry can succeed): the order fails and is undone
     * rather than wait for ever. Histories from before the change end as they did, with the failure.
     */
    private void recordRefused(ActivityFailure failure) {
        boolean refused = failure.getCause() instanceof ApplicationFailure application
                && OrderFailures.RECORD_REFUSED.equals(application.getType());
        if (!refused || Workflow.getVersion(RECORD_REFUSED_FAILS_ORDER, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
            throw failure;
        }
        recordRefusal = reasonOf(failure);
        log.warn("Order {}: {}; the order is undone", order.request.orderId(), recordRefusal);
        if (order.failureReason == null) {
            // Not ending yet: fail the step (the saga undoes what was done). While ending, the ending goes on.
            throw new StepFailed("recording the order failed: " + recordRefusal);
        }
    }
}
