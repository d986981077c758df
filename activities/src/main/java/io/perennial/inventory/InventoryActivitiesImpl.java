package io.perennial.inventory;

import io.perennial.restock.Backorder;
import io.perennial.restock.RestockTrigger;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stock activities on {@link Inventory}, which makes each of them idempotent by reservation id. A reservation that
 * takes a SKU to or below its reorder point signal-with-starts the SKU's restock; a retried reservation signals
 * again (harmless: one restock per SKU is open, and it ignores a low-stock signal while an order is out).
 */
@Singleton
public class InventoryActivitiesImpl implements InventoryActivities {

    /** A reservation names a SKU the inventory does not have: the order cannot be filled as placed. */
    public static final String UNKNOWN_SKU = "UnknownSku";

    private static final Logger log = LoggerFactory.getLogger(InventoryActivitiesImpl.class);

    private final Inventory inventory;
    private final RestockTrigger restocks;

    public InventoryActivitiesImpl(Inventory inventory, RestockTrigger restocks) {
        this.inventory = inventory;
        this.restocks = restocks;
    }

    @Override
    public StockReservation reserveStock(StockHold hold) {
        try {
            StockReservation reservation = inventory.reserve(hold.reservationId(), hold.lines());
            if (reservation.held()) {
                for (String sku : reservation.lowStockSkus()) {
                    restocks.lowStock(sku, "reservation " + hold.reservationId());
                }
            }
            return reservation;
        } catch (InventoryException e) {
            if (e.kind() == InventoryException.Kind.UNKNOWN_SKU || e.kind() == InventoryException.Kind.INVALID) {
                throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), UNKNOWN_SKU);
            }
            throw e;
        }
    }

    @Override
    public void registerBackorder(Backorder backorder) {
        restocks.backorderWaiting(backorder);
        log.info("{} waits for {} × {}: registered with its restock", backorder.orderWorkflowId(),
                backorder.quantity(), backorder.sku());
    }

    @Override
    public void releaseStock(StockHold hold) {
        inventory.release(hold.reservationId());
    }

    @Override
    public void shipStock(StockHold hold) {
        inventory.ship(hold.reservationId());
    }
}
