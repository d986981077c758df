package io.perennial.shipping;

/** The carrier answered and will not take this parcel (an address it does not serve, a canceled shipment id). */
public class ShipmentRefusedException extends RuntimeException {
    public ShipmentRefusedException(String message) {
        super(message);
    }
}
