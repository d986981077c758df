package io.perennial.shipping;

import java.time.Instant;

/**
 * The simulated carrier's clock: when its tracking events fall due. The system clock, except in the embedded mode
 * with the Temporal test server, where it is the test clock, so advancing that clock moves parcels along too.
 */
@FunctionalInterface
public interface CarrierClock {
    Instant now();
}
