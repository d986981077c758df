package io.perennial.restock;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What the restock process does outside itself: read the reorder rule, order from suppliers, put goods away. */
@ActivityInterface
public interface RestockActivities {

    @ActivityMethod(name = "PlanRestock")
    RestockPlan planRestock(RestockPlanRequest request);

    /**
     * Records the purchase order and places it with the supplier, idempotent by its id. A supplier that is down or
     * slow is retried; a refusal is a non-retryable {@link RestockFailures#PURCHASE_ORDER_REJECTED}.
     */
    @ActivityMethod(name = "PlacePurchaseOrder")
    PlacedPurchaseOrder placePurchaseOrder(PurchaseOrderRequest request);

    /** Records the receipt and puts its goods on hand, once per receipt id. */
    @ActivityMethod(name = "ReceiveStock")
    ReceivedStock receiveStock(StockReceipt receipt);

    @ActivityMethod(name = "RecordPurchaseOrderStatus")
    void recordPurchaseOrderStatus(PurchaseOrderStatusChange change);

    /** Tells ops a restock needs them (audited, logged); the workflow also shows it as a search attribute. */
    @ActivityMethod(name = "RemindOps")
    void remindOps(RestockReminder reminder);
}
