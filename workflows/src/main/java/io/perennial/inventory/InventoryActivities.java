package io.perennial.inventory;

import io.perennial.restock.Backorder;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Stock held for orders and boxes, idempotent by reservation id. Shared by every process that holds stock (orders,
 * subscription boxes), so it lives with inventory rather than with orders.
 */
@ActivityInterface
public interface InventoryActivities {

    /**
     * Holds every line or none. OUT_OF_STOCK is an answer, not a failure: the caller decides to wait. Asked again
     * with the same id, it answers what the first call did; an OUT_OF_STOCK answer holds nothing, so a later call
     * may succeed.
     */
    @ActivityMethod(name = "ReserveStock")
    StockReservation reserveStock(StockHold hold);

    /** Gives held stock back; nothing happens for stock already shipped or never held. */
    @ActivityMethod(name = "ReleaseStock")
    void releaseStock(StockHold hold);

    /**
     * A backordered order waits for a SKU: signal-with-starts the SKU's restock ({@code restock-{sku}}) with it, so
     * the restock orders enough and wakes the order when stock arrives.
     */
    @ActivityMethod(name = "RegisterBackorder")
    void registerBackorder(Backorder backorder);

    /** The held stock left the warehouse with the carrier. */
    @ActivityMethod(name = "ShipStock")
    void shipStock(StockHold hold);
}
