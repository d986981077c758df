package io.perennial.inventory;

import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stock activities on {@link Inventory}, which makes each of them idempotent by reservation id. */
@Singleton
public class InventoryActivitiesImpl implements InventoryActivities {

    /** A reservation names a SKU the inventory does not have: the order cannot be filled as placed. */
    public static final String UNKNOWN_SKU = "UnknownSku";

    private static final Logger log = LoggerFactory.getLogger(InventoryActivitiesImpl.class);

    private final Inventory inventory;

    public InventoryActivitiesImpl(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public StockReservation reserveStock(StockHold hold) {
        try {
            StockReservation reservation = inventory.reserve(hold.reservationId(), hold.lines());
            if (!reservation.lowStockSkus().isEmpty()) {
                // Hook for RestockWorkflow: signal-with-start restock-{sku} for each of these.
                log.info("Reservation {} took {} to or below the reorder point", hold.reservationId(),
                        reservation.lowStockSkus());
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
    public void releaseStock(StockHold hold) {
        inventory.release(hold.reservationId());
    }

    @Override
    public void shipStock(StockHold hold) {
        inventory.ship(hold.reservationId());
    }
}
