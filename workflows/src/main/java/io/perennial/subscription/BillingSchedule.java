package io.perennial.subscription;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Billing periods computed from the anchor, never by adding an interval to the previous date:
 * a monthly subscription anchored on 31 January renews on 28 (or 29) February, then on 31 March.
 * Pure and deterministic, so workflow code may call it.
 */
public record BillingSchedule(Instant anchor, BillingInterval interval) {

    public BillingPeriod period(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("periods are numbered from 1, was " + number);
        }
        return new BillingPeriod(number, boundary(number - 1), boundary(number));
    }

    /** The start of the period after {@code n} whole intervals from the anchor, in UTC. */
    private Instant boundary(long n) {
        ZonedDateTime anchorUtc = anchor.atZone(ZoneOffset.UTC);
        long steps = n * interval.count();
        ZonedDateTime at = interval.unit().plus(anchorUtc, steps);
        return at.toInstant();
    }
}
