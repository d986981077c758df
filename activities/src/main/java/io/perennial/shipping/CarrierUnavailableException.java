package io.perennial.shipping;

/** The carrier did not answer in time, or answered 5xx. Retryable with the same shipment id. */
public class CarrierUnavailableException extends RuntimeException {
    private final String reason;

    public CarrierUnavailableException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** {@link ShippingFailures#CARRIER_TIMEOUT} or {@link ShippingFailures#CARRIER_UNAVAILABLE}. */
    public String reason() {
        return reason;
    }
}
