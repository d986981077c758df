package io.perennial.inventory;

import java.util.List;

/** The stock one order or box sets aside, under a reservation id derived from it (see {@link #forOrder}). */
public record StockHold(String reservationId, List<StockLine> lines) {

    public StockHold {
        lines = List.copyOf(lines);
    }

    public static StockHold forOrder(String orderId, List<StockLine> lines) {
        return new StockHold("order-" + orderId, lines);
    }
}
