package io.perennial.shipping;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Shipments with the carrier, idempotent by shipment id. */
@ActivityInterface
public interface ShippingActivities {

    /**
     * Books the shipment, once per shipment id: asked again, it answers the booking already made. A carrier that
     * will not take the parcel is an {@code ApplicationFailure} of type {@link ShippingFailures#SHIPMENT_REFUSED}
     * (not retried); timeouts and 5xx are retried.
     */
    @ActivityMethod(name = "BookShipment")
    ShipmentBooking bookShipment(ShipmentRequest request);

    /** Cancels the booking; for a shipment never booked it makes sure none can be booked later. */
    @ActivityMethod(name = "CancelShipment")
    void cancelShipment(ShipmentCancellation cancellation);
}
