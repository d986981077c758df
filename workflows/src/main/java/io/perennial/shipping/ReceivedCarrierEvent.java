package io.perennial.shipping;

import java.time.Instant;

/** A carrier event as the order saw it, and what it did with it. */
public record ReceivedCarrierEvent(String eventId, CarrierEventType type, Instant occurredAt, Instant receivedAt,
                                   Effect effect, String detail) {

    public enum Effect {
        /** It moved the order on (or into an exception). */
        APPLIED,
        /** It arrived after a later step (e.g. IN_TRANSIT after OUT_FOR_DELIVERY): kept, but the status stays. */
        OUT_OF_ORDER
    }
}
