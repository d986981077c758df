package io.perennial.inventory;

import java.util.List;

/**
 * Where a reservation stands. All of its lines are held, or none: an order never holds part of its stock.
 *
 * @param shortages     for {@link Status#OUT_OF_STOCK}: what was missing
 * @param lowStockSkus  SKUs this reservation took to or below their reorder point (a restock is due)
 */
public record StockReservation(String reservationId, Status status, List<StockLine> lines, List<Shortage> shortages,
                               List<String> lowStockSkus) {

    public enum Status {
        /** Every line is set aside for this reservation. */
        HELD,
        /** Nothing was set aside: at least one SKU has too little free stock. */
        OUT_OF_STOCK,
        /** It was held and has been given back (an order canceled or compensated). */
        RELEASED,
        /** It was held and has left the warehouse: on-hand stock went down. */
        SHIPPED
    }

    public StockReservation {
        lines = List.copyOf(lines);
        shortages = List.copyOf(shortages);
        lowStockSkus = List.copyOf(lowStockSkus);
    }

    public boolean held() {
        return status == Status.HELD;
    }
}
