package io.perennial.inventory;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of on-hand stock and why: an operator's adjustment (counted, damaged, found), a supplier's receipt or a
 * shipment. {@code reference} is who adjusted, the purchase order, or the reservation shipped.
 */
@MappedEntity("stock_movements")
public record StockMovement(@Id UUID id, String sku, int delta, Kind kind, String reason, String reference, Instant at) {

    public enum Kind { ADJUSTMENT, RECEIPT, SHIPMENT }
}
