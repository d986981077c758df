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

    /**
     * The billing-day floor: one no-op when started (so the bench knows the workflow is parked), a timer to a due
     * time shared by all of them, then one no-op. What any workflow that falls due with thousands of others and
     * then does one step asks of the server and the worker.
     */
    @WorkflowInterface
    public interface BurstFloorWorkflow {
        @WorkflowMethod(name = "BenchBurstFloor")
        void run(long dueAtMillis);
    }

    public static class BurstFloorWorkflowImpl implements BurstFloorWorkflow {
        private final FloorActivities activities = Workflow.newActivityStub(FloorActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public void run(long dueAtMillis) {
            activities.noOp(0);
            Workflow.sleep(Duration.ofMillis(Math.max(0, dueAtMillis - Workflow.currentTimeMillis())));
            activities.noOp(1);
        }
    }

    /** Counts the no-ops by cycle and keeps when the last of the burst ran. */
    public static class CountingNoOp implements FloorActivities {
        final java.util.concurrent.atomic.AtomicInteger parked = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        volatile long lastDoneNanos;

        @Override
        public void noOp(int cycle) {
            if (cycle == 0) {
                parked.incrementAndGet();
            } else {
                done.incrementAndGet();
                lastDoneNanos = System.nanoTime();
            }
        }
    }
}
