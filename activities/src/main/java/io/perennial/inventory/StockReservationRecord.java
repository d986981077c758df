package io.perennial.inventory;

import io.micronaut.core.annotation.Introspected;

/** A row of {@code stock_reservations}: one SKU's quantity held (or settled) for one reservation. */
@Introspected
public record StockReservationRecord(String reservationId, String sku, int quantity, StockReservation.Status status) {

    public StockLine line() {
        return new StockLine(sku, quantity);
    }
}
