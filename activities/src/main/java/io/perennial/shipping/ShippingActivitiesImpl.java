package io.perennial.shipping;

import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shipping activities over the {@link Carrier} port: a refusal is a business failure, an outage is retried. */
@Singleton
public class ShippingActivitiesImpl implements ShippingActivities {

    private static final Logger log = LoggerFactory.getLogger(ShippingActivitiesImpl.class);

    private final Carrier carrier;

    public ShippingActivitiesImpl(Carrier carrier) {
        this.carrier = carrier;
    }

    @Override
    public ShipmentBooking bookShipment(ShipmentRequest request) {
        try {
            ShipmentBooking booking = carrier.book(request);
            log.info("Shipment {} of order {} booked with {}: tracking {}", booking.shipmentId(), request.orderId(),
                    booking.carrier(), booking.trackingNumber());
            return booking;
        } catch (ShipmentRefusedException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ShippingFailures.SHIPMENT_REFUSED);
        } catch (CarrierUnavailableException e) {
            // Retryable: Temporal books again with the same shipment id, and the carrier answers the same booking.
            throw ApplicationFailure.newFailure(e.getMessage(), e.reason());
        }
    }

    @Override
    public void cancelShipment(ShipmentCancellation cancellation) {
        try {
            carrier.cancel(cancellation);
            log.info("Shipment {} of order {} canceled: {}", cancellation.shipmentId(), cancellation.orderId(),
                    cancellation.reason());
        } catch (CarrierUnavailableException e) {
            throw ApplicationFailure.newFailure(e.getMessage(), e.reason());
        }
    }
}
