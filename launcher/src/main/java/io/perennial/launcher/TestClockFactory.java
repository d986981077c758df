package io.perennial.launcher;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;

@Factory
public class TestClockFactory {

    /** Only with the in-process test server: a real Temporal's clock cannot be moved. */
    @Singleton
    @Requires(env = "embedded")
    @Requires(property = "perennial.temporal.in-process", value = "true")
    TestClock testClock(WorkflowServiceStubs workflowService) {
        return new TestClock(workflowService);
    }
}
