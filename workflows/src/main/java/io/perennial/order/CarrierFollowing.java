package io.perennial.order;

import io.perennial.inventory.InventoryActivities;
import io.perennial.shipping.CarrierEvent;
import io.perennial.temporal.ActivityStubs;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.perennial.temporal.BusinessTime.now;

/**
 * Follows a booked shipment to delivery: applies the carrier events signalled meanwhile, ships the held stock once
 * the parcel is picked up, and raises SHIPMENT_EXCEPTION when it is not picked up by the deadline.
 */
final class CarrierFollowing {

    private final InventoryActivities inventory = ActivityStubs.database(InventoryActivities.class);
    private final Order order;
    private final PublishedOrder published;

    CarrierFollowing(Order order, PublishedOrder published) {
        this.order = order;
        this.published = published;
    }

    void untilDelivered() {
        while (order.status != OrderStatus.DELIVERED) {
            applyCarrierEvents();
            if (order.tracking.pickedUp() && !order.stockShipped) {
                inventory.shipStock(order.hold);
                order.stockShipped = true;
            }
            published.publish();
            if (order.status == OrderStatus.DELIVERED) {
                return;
            }
            long seenRevision = order.revision;
            if (!order.tracking.pickedUp() && !order.pickupOverdue) {
                Duration left = Duration.between(now(), order.pickupDeadlineAt);
                boolean woken = !left.isNegative() && !left.isZero()
                        && Workflow.await(left, () -> !order.inbox.isEmpty() || order.revision != seenRevision);
                if (!woken && !now().isBefore(order.pickupDeadlineAt)) {
                    order.pickupOverdue = true;
                    order.move(OrderStatus.SHIPMENT_EXCEPTION, "not picked up within "
                            + order.request.pickupDeadlineOrDefault());
                }
            } else {
                Workflow.await(() -> !order.inbox.isEmpty() || order.revision != seenRevision);
            }
        }
    }

    private void applyCarrierEvents() {
        List<CarrierEvent> events = new ArrayList<>(order.inbox);
        order.inbox.clear();
        for (CarrierEvent event : events) {
            OrderStatus next = order.tracking.apply(event, now(), order.status);
            if (next != null && next != order.status) {
                order.move(next, "carrier: " + event.type() + (event.detail() == null ? ""
                        : " (" + event.detail() + ")"));
            } else {
                order.changed();
            }
        }
    }
}
