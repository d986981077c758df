package io.perennial.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

import java.time.Duration;

/**
 * The floor of a renewal cycle: a timer, then one activity that does nothing, {@code cycles} times. What any
 * workflow that waits a period and then does one step asks of the Temporal server.
 */
final class RenewalFloor {

    static final String TASK_QUEUE = "bench-renewal-floor";

    private RenewalFloor() {
    }

    @WorkflowInterface
    public interface FloorWorkflow {
        @WorkflowMethod(name = "BenchRenewalFloor")
        void run(int cycles, Duration interval);
    }

    @ActivityInterface
    public interface FloorActivities {
        @ActivityMethod(name = "BenchNoOp")
        void noOp(int cycle);
    }

    public static class FloorWorkflowImpl implements FloorWorkflow {
        private final FloorActivities activities = Workflow.newActivityStub(FloorActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public void run(int cycles, Duration interval) {
            for (int cycle = 1; cycle <= cycles; cycle++) {
                Workflow.sleep(interval);
                activities.noOp(cycle);
            }
        }
    }

    public static class NoOp implements FloorActivities {
        @Override
        public void noOp(int cycle) {
        }
    }
}
