package io.perennial.shipping;

import io.perennial.inventory.StockLine;
import io.perennial.order.ShippingAddress;

import java.time.Instant;
import java.util.List;

/**
 * Asks the carrier to collect an order's parcel. {@code shipmentId} is derived from the order, so a retried or
 * replayed booking finds the one already made.
 */
public record ShipmentRequest(String shipmentId, String orderId, ShippingAddress address, List<StockLine> lines,
                              Instant businessTime) {

    /** One shipment per order: its id is the order's. */
    public static String shipmentIdFor(String orderId) {
        return "shp-" + orderId;
    }
}
