package io.perennial.order;

import io.perennial.inventory.StockLine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Orders as their workflow records them, for tests of what reads the orders read model: two bags of beans, 45.99 EUR. */
public final class RecordedOrders {

    private static final ShippingAddress HOME = new ShippingAddress("Ada Lovelace", "Keizersgracht 1", null,
            "Amsterdam", "1015 CJ", "NL");

    private RecordedOrders() {
    }

    /** Records a new order with {@code status} at {@code at}; its id. */
    public static String record(OrderRecordActivities records, OrderStatus status, Instant at) {
        String orderId = "o-" + UUID.randomUUID();
        record(records, orderId, status, at, at, 1);
        return orderId;
    }

    /** Records {@code orderId} with {@code status} at {@code revision} (a later one moves its row). */
    public static void record(OrderRecordActivities records, String orderId, OrderStatus status, Instant placedAt,
                              Instant updatedAt, long revision) {
        records.recordOrder(new OrderState(orderId, UUID.randomUUID().toString(), status,
                List.of(new StatusChange(status, placedAt, "test")), List.of(new StockLine("BEANS-250", 2)), 4599,
                "EUR", HOME, List.of(), null, 0, 0, null, null, null, null, null, List.of(), 0, null, null, placedAt,
                updatedAt, revision, null, null, null));
    }
}
