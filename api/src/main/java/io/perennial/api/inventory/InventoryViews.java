package io.perennial.api.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.inventory.StockLevel;
import io.perennial.inventory.StockMovement;
import io.perennial.inventory.Supplier;

import java.time.Instant;
import java.util.List;

/** What the stock endpoints answer. */
public final class InventoryViews {

    private InventoryViews() {
    }

    @Serdeable
    /** @param leadTime ISO-8601, e.g. {@code PT120H} for five days */
    public record SupplierView(String id, String name, String leadTime, Instant createdAt) {
        static SupplierView of(Supplier supplier) {
            return new SupplierView(supplier.id(), supplier.name(), supplier.leadTime().toString(),
                    supplier.createdAt());
        }
    }

    /** @param unitPriceMinor the price of one unit sold on its own, absent for a SKU only shipped in boxes */
    @Serdeable
    public record StockLevelView(String sku, String productId, String name, int onHand, int reserved, int available,
                                 int reorderPoint, int reorderQuantity, boolean reorderDue, String preferredSupplierId,
                                 @Nullable String alternateSupplierId, @Nullable Long unitPriceMinor,
                                 @Nullable String currency, Instant updatedAt) {
        static StockLevelView of(StockLevel level) {
            return new StockLevelView(level.sku(), level.productId(), level.name(), level.onHand(), level.reserved(),
                    level.available(), level.reorderPoint(), level.reorderQuantity(), level.atOrBelowReorderPoint(),
                    level.preferredSupplierId(), level.alternateSupplierId(), level.unitPriceMinor(), level.currency(),
                    level.updatedAt());
        }
    }

    /** One page of SKUs in code order; {@code next} is the {@code after} value of the following page. */
    @Serdeable
    public record StockPage(List<StockLevelView> items, @Nullable String next) {
    }

    @Serdeable
    public record StockMovementView(String kind, int delta, String reason, String reference, Instant at) {
        static StockMovementView of(StockMovement movement) {
            return new StockMovementView(movement.kind().name(), movement.delta(), movement.reason(),
                    movement.reference(), movement.at());
        }
    }
}
