package io.perennial.shipping;

import java.time.Instant;

/** A booked shipment: the tracking number the customer follows and the label the warehouse prints. */
public record ShipmentBooking(String shipmentId, String carrier, String trackingNumber, String labelReference,
                              Instant bookedAt) {
}
