package io.perennial.launcher;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.MetricsType;
import jakarta.inject.Singleton;

import java.util.Set;

@Factory
public class TestClockFactory {

    /**
     * The SDK times these as this machine's clock minus the server's scheduled time. Once the test clock has moved
     * ahead of the wall clock the difference is negative, and Micrometer warned about it after every advance; with a
     * movable clock the numbers mean nothing, so they are not recorded.
     */
    private static final Set<String> WALL_CLOCK_AGAINST_SERVER_TIME = Set.of(
            MetricsType.ACTIVITY_SUCCEED_E2E_LATENCY, MetricsType.LOCAL_ACTIVITY_SUCCEED_E2E_LATENCY,
            MetricsType.WORKFLOW_E2E_LATENCY);

    /** Only with the in-process test server: a real Temporal's clock cannot be moved. */
    @Singleton
    @Requires(env = "embedded")
    @Requires(property = "perennial.temporal.in-process", value = "true")
    TestClock testClock(WorkflowServiceStubs workflowService) {
        return new TestClock(workflowService);
    }

    @Singleton
    @Requires(env = "embedded")
    @Requires(property = "perennial.temporal.in-process", value = "true")
    MeterFilter noWallClockLatenciesAgainstTheTestClock() {
        return MeterFilter.deny(id -> WALL_CLOCK_AGAINST_SERVER_TIME.contains(id.getName()));
    }
}
