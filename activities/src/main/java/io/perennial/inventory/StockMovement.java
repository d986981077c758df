package io.perennial.inventory;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of on-hand stock and why: an operator's adjustment (counted, damaged, found), a supplier's receipt or a
 * shipment. {@code reference} is who adjusted, the purchase order, or the reservation shipped.
 */
public record StockMovement(UUID id, String sku, int delta, Kind kind, String reason, String reference, Instant at) {

    public enum Kind { ADJUSTMENT, RECEIPT, SHIPMENT }
}
