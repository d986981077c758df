package io.perennial.order;

import java.time.Instant;

/**
 * What became of a cancel request: honoured until the shipment is booked, refused after (the parcel is on its
 * way; a return is a different process).
 */
public record CancellationOutcome(String reason, String requestedBy, Instant requestedAt, boolean honoured,
                                  String answer) {
}
