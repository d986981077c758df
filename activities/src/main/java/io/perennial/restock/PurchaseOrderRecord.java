package io.perennial.restock;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code purchase_orders}: what was ordered from whom, how much arrived, where it stands. */
@MappedEntity("purchase_orders")
public record PurchaseOrderRecord(@Id String id, String sku, String supplierId, int quantity, int receivedQuantity,
                                  PurchaseOrderStatus status, @Nullable String supplierReference,
                                  @Nullable String replaces, @Nullable String note, Instant placedAt, Instant dueAt,
                                  Instant updatedAt) {

    public boolean acceptsReceipts() {
        return status.open();
    }
}
