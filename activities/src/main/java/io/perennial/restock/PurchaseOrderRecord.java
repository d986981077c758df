package io.perennial.restock;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A row of {@code purchase_orders}: what was ordered from whom, how much arrived, where it stands. */
public record PurchaseOrderRecord(String id, String sku, String supplierId, int quantity, int receivedQuantity,
                                  PurchaseOrderStatus status, @Nullable String supplierReference,
                                  @Nullable String replaces, @Nullable String note, Instant placedAt, Instant dueAt,
                                  Instant updatedAt) {

    public boolean acceptsReceipts() {
        return status.open();
    }
}
