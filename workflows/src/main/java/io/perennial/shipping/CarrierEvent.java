package io.perennial.shipping;

import java.time.Instant;

/**
 * A tracking event from the carrier, delivered at least once and in any order.
 *
 * @param eventId    the carrier's id of the event: the same event sent twice has the same id
 * @param occurredAt when it happened, by the carrier's clock
 */
public record CarrierEvent(String eventId, String trackingNumber, CarrierEventType type, Instant occurredAt,
                           String detail) {
}
