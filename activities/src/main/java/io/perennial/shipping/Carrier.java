package io.perennial.shipping;

/**
 * The port to a parcel carrier. Implementations honour the shipment id: booking it again answers the booking
 * already made, and a canceled shipment id can never be booked. Both methods throw
 * {@link CarrierUnavailableException} on timeouts and 5xx, which are safe to retry with the same id.
 */
public interface Carrier {

    /** @throws ShipmentRefusedException when the carrier will not take the parcel (not worth retrying) */
    ShipmentBooking book(ShipmentRequest request);

    /** Cancels the booking, or makes sure the id can never be booked when it was not. */
    void cancel(ShipmentCancellation cancellation);
}
