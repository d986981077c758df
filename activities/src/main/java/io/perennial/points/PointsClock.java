package io.perennial.points;

import java.time.Instant;

/**
 * When a points or credit movement made outside a workflow (a redemption, an ops adjustment) happens in business
 * time, which dates its expiry. The system clock, except in the embedded mode with the Temporal test server, where it
 * is the test clock, so that what ops grant expires on the same clock as what renewals earn.
 */
@FunctionalInterface
public interface PointsClock {
    Instant now();
}
