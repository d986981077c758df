package io.perennial.points;

/** A redemption as booked: the points spent, the credit they bought, and the points left after it. */
public record PointsRedemption(String redemptionKey, long points, long creditMinor, String currency,
                               long balanceAfter) {
}
