package io.perennial.worker;

import io.perennial.inventory.InventoryActivities;
import io.perennial.notification.NotificationActivities;
import io.perennial.order.OrderPaymentActivities;
import io.perennial.order.OrderRecordActivities;
import io.perennial.order.OrderRefundActivities;
import io.perennial.payment.PaymentActivities;
import io.perennial.risk.RiskActivities;
import io.perennial.shipping.ShippingActivities;
import jakarta.inject.Singleton;

/**
 * The activities the {@code orders} task queue serves to {@code OrderFulfillmentWorkflow}; a subscription box that
 * cannot ship refunds its period ({@link PaymentActivities}) and tells the subscriber ({@link NotificationActivities});
 * a one-off order is risk-checked before its charge ({@link RiskActivities}). {@code OrderRefundWorkflow} gives back
 * part of an order's charge ({@link OrderRefundActivities}).
 */
@Singleton
public class OrderQueueActivities {

    private final InventoryActivities inventory;
    private final OrderPaymentActivities payments;
    private final ShippingActivities shipping;
    private final OrderRecordActivities records;
    private final PaymentActivities periodRefunds;
    private final NotificationActivities notifications;
    private final RiskActivities risk;
    private final OrderRefundActivities opsRefunds;

    public OrderQueueActivities(InventoryActivities inventory, OrderPaymentActivities payments,
                                ShippingActivities shipping, OrderRecordActivities records,
                                PaymentActivities periodRefunds, NotificationActivities notifications,
                                RiskActivities risk, OrderRefundActivities opsRefunds) {
        this.inventory = inventory;
        this.payments = payments;
        this.shipping = shipping;
        this.records = records;
        this.periodRefunds = periodRefunds;
        this.notifications = notifications;
        this.risk = risk;
        this.opsRefunds = opsRefunds;
    }

    Object[] implementations() {
        return new Object[]{inventory, payments, shipping, records, periodRefunds, notifications, risk, opsRefunds};
    }
}
