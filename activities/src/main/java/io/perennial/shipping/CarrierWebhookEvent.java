package io.perennial.shipping;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A tracking event as the carrier posts it to {@code POST /v1/webhooks/carrier}.
 *
 * @param eventId        the carrier's id of the event; a retried delivery has the same one
 * @param shipmentId     our reference for the shipment, as given at booking
 * @param trackingNumber the carrier's number for the parcel
 * @param occurredAt     when it happened, by the carrier's clock
 */
@Serdeable
public record CarrierWebhookEvent(String eventId, @Nullable String shipmentId, String trackingNumber,
                                  CarrierEventType type, Instant occurredAt, @Nullable String detail) {

    public CarrierEvent toSignal() {
        return new CarrierEvent(eventId, trackingNumber, type, occurredAt, detail);
    }
}
