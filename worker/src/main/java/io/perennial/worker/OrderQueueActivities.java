package io.perennial.worker;

import io.perennial.inventory.InventoryActivities;
import io.perennial.order.OrderPaymentActivities;
import io.perennial.order.OrderRecordActivities;
import io.perennial.shipping.ShippingActivities;
import jakarta.inject.Singleton;

/** The activities the {@code orders} task queue serves to {@code OrderFulfillmentWorkflow}. */
@Singleton
public class OrderQueueActivities {

    private final InventoryActivities inventory;
    private final OrderPaymentActivities payments;
    private final ShippingActivities shipping;
    private final OrderRecordActivities records;

    public OrderQueueActivities(InventoryActivities inventory, OrderPaymentActivities payments,
                                ShippingActivities shipping, OrderRecordActivities records) {
        this.inventory = inventory;
        this.payments = payments;
        this.shipping = shipping;
        this.records = records;
    }

    Object[] implementations() {
        return new Object[]{inventory, payments, shipping, records};
    }
}
