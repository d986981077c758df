package io.perennial.subscription;

import java.time.Instant;

/**
 * The next box of a physical plan, as the subscriber sees it.
 *
 * @param period       the billing period the box belongs to
 * @param startsAt     when its order starts: the period's start (its payment), or later when delayed
 * @param skipped      the period is skipped: neither charged nor shipped
 * @param delayed      the box starts later than its period, which is charged as usual
 * @param latestDelay  the latest a delay may move it to (one period after its start); null once it is paid
 */
public record NextBox(int period, Instant startsAt, boolean skipped, boolean delayed, Instant latestDelay) {
}
