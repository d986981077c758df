package io.perennial.points;

import java.time.Instant;

/** What an expiry run took: how many customers lost how many points in all, as of when. */
public record ExpiredPoints(Instant asOf, int customers, long points) {
}
