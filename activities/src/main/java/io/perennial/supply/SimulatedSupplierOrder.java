package io.perennial.supply;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code simulated_supplier_orders}: one purchase order as the simulated supplier's book holds it. */
@MappedEntity("simulated_supplier_orders")
public record SimulatedSupplierOrder(@Id String purchaseOrderId, String supplierId, String sku, int quantity,
                                     String reference, Instant createdAt) {
}
