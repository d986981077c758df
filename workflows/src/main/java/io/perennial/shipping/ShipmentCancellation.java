package io.perennial.shipping;

/** Calls a booking off (a saga compensation). Safe for a shipment never booked: nothing can be booked under it later. */
public record ShipmentCancellation(String shipmentId, String orderId, String reason) {
}
