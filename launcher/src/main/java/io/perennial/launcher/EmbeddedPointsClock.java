package io.perennial.launcher;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.perennial.points.PointsClock;
import io.perennial.points.SystemPointsClock;
import jakarta.inject.Singleton;

/** With the in-process Temporal, redemptions and ops adjustments are dated by the test clock, like renewals. */
@Factory
public class EmbeddedPointsClock {

    @Singleton
    @Replaces(SystemPointsClock.class)
    @Requires(property = "perennial.temporal.in-process", value = "true")
    PointsClock testClock(TestClock clock) {
        return clock::now;
    }
}
