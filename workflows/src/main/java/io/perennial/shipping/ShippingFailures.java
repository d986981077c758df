package io.perennial.shipping;

/** Types of the failures shipping activities raise. */
public final class ShippingFailures {
    /** The carrier will not take the parcel (e.g. it does not serve the address). Never retried. */
    public static final String SHIPMENT_REFUSED = "ShipmentRefused";
    /** The carrier answered 5xx. Retried. */
    public static final String CARRIER_UNAVAILABLE = "carrier_unavailable";
    /** The carrier did not answer in time. Retried with the same shipment id. */
    public static final String CARRIER_TIMEOUT = "carrier_timeout";

    private ShippingFailures() {
    }
}
