package io.perennial.subscription;

import java.time.Instant;

/**
 * Skip the next period's box, or start it later (at most one period later). Only the next box can change: the
 * period the subscription bills next.
 *
 * @param period      the period the caller means (as {@link NextBox#period()} showed it), or null for whichever is
 *                    next; a box of an earlier period has already been billed and started, so it cannot change
 * @param until       for {@link Kind#DELAY}: when the box order starts instead of at the period's payment
 * @param requestedBy who asked (the subscriber or an ops user), for the log
 */
public record NextBoxChange(Kind kind, Integer period, Instant until, String requestedBy) {

    public enum Kind { SKIP, DELAY }

    public static NextBoxChange skip(Integer period, String requestedBy) {
        return new NextBoxChange(Kind.SKIP, period, null, requestedBy);
    }

    public static NextBoxChange delay(Integer period, Instant until, String requestedBy) {
        return new NextBoxChange(Kind.DELAY, period, until, requestedBy);
    }
}
