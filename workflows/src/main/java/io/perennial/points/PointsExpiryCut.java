package io.perennial.points;

import java.time.Instant;

/** Points whose expiry is at or before {@code asOf} expire. */
public record PointsExpiryCut(Instant asOf) {
}
