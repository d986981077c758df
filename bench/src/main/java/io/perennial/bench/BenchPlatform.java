package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;

import java.util.Map;

/** The servers and the platform a renewal benchmark runs on, with sub-day plan intervals allowed for the run. */
final class BenchPlatform {

    interface Measurement<T> {
        T measure(EmbeddedStack stack, ApplicationContext context) throws Exception;
    }

    private BenchPlatform() {
    }

    /** Starts the servers and the platform, measures on them, and stops both. */
    static <T> T withSubDayIntervals(EmbeddedStack.Options servers, Measurement<T> measurement) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(servers)) {
            ApplicationContext context = PerennialLauncher.start(stack, Map.of("micronaut.server.port", -1,
                    "perennial.catalog.allow-sub-day-intervals", true));
            try {
                return measurement.measure(stack, context);
            } finally {
                context.close();
            }
        }
    }
}
