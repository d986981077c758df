package io.perennial.api.availability;

import io.grpc.Context;
import io.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
import io.temporal.api.update.v1.WaitPolicy;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Deadlines on the API's Temporal calls. Each call runs in a gRPC context with a deadline, which bounds both the
 * call and the SDK's retries of it (the SDK retries an unavailable frontend for a minute otherwise): with Temporal
 * down or stalled, a request fails within {@link TemporalCallTimeouts#callTimeout()} and the client gets 503.
 * An Update is admitted within the call timeout (the workflow accepted it) and then given
 * {@link TemporalCallTimeouts#updateTimeout()} for its outcome. Waiting for a workflow's result is left alone: the
 * code that waits chooses how long.
 */
@Singleton
public class TemporalDeadlines extends WorkflowClientInterceptorBase {

    private final TemporalCallTimeouts timeouts;
    /** Cancels the gRPC contexts whose deadline passed. */
    private final ScheduledExecutorService deadlineTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "temporal-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    public TemporalDeadlines(TemporalCallTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @PreDestroy
    void stop() {
        deadlineTimer.shutdownNow();
    }

    @Override
    public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(WorkflowClientCallsInterceptor next) {
        return new Bounded(next);
    }

    private <T> T within(Duration timeout, Supplier<T> call) {
        Context.CancellableContext bounded = Context.current()
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS, deadlineTimer);
        Context previous = bounded.attach();
        try {
            return call.get();
        } finally {
            bounded.detach(previous);
            bounded.cancel(null);
        }
    }

    private final class Bounded extends WorkflowClientCallsInterceptorBase {

        Bounded(WorkflowClientCallsInterceptor next) {
            super(next);
        }

        @Override
        public WorkflowStartOutput start(WorkflowStartInput input) {
            return within(timeouts.callTimeout(), () -> super.start(input));
        }

        @Override
        public WorkflowSignalOutput signal(WorkflowSignalInput input) {
            return within(timeouts.callTimeout(), () -> super.signal(input));
        }

        @Override
        public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
            return within(timeouts.callTimeout(), () -> super.signalWithStart(input));
        }

        @Override
        public <R> QueryOutput<R> query(QueryInput<R> input) {
            return within(timeouts.callTimeout(), () -> super.query(input));
        }

        @Override
        public CancelOutput cancel(CancelInput input) {
            return within(timeouts.callTimeout(), () -> super.cancel(input));
        }

        @Override
        public TerminateOutput terminate(TerminateInput input) {
            return within(timeouts.callTimeout(), () -> super.terminate(input));
        }

        @Override
        public DescribeWorkflowOutput describe(DescribeWorkflowInput input) {
            return within(timeouts.callTimeout(), () -> super.describe(input));
        }

        @Override
        public ListWorkflowExecutionsOutput listWorkflowExecutions(ListWorkflowExecutionsInput input) {
            return within(timeouts.callTimeout(), () -> super.listWorkflowExecutions(input));
        }

        @Override
        public CountWorkflowOutput countWorkflows(CountWorkflowsInput input) {
            return within(timeouts.callTimeout(), () -> super.countWorkflows(input));
        }

        /**
         * An Update that waits for its outcome is sent waiting only for its admission, under the call timeout;
         * the outcome is then awaited for the update timeout. Either one running out is an outage to the client.
         */
        @Override
        public <R> WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
            if (input.getWaitPolicy().getLifecycleStage()
                    != UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED) {
                return within(timeouts.callTimeout(), () -> super.startUpdate(input));
            }
            WorkflowUpdateHandle<R> admitted = within(timeouts.callTimeout(),
                    () -> super.startUpdate(admissionOnly(input)));
            return new OutcomeWithin<>(admitted, timeouts.updateTimeout());
        }

        /** Update-with-start, bounded like an Update: the start and the admission, then the outcome. */
        @Override
        public <R> WorkflowUpdateWithStartOutput<R> updateWithStart(WorkflowUpdateWithStartInput<R> input) {
            StartUpdateInput<R> update = input.getStartUpdateInput();
            if (update.getWaitPolicy().getLifecycleStage()
                    != UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED) {
                return within(timeouts.callTimeout(), () -> super.updateWithStart(input));
            }
            WorkflowUpdateWithStartOutput<R> admitted = within(timeouts.callTimeout(), () -> super.updateWithStart(
                    new WorkflowUpdateWithStartInput<>(input.getWorkflowStartInput(), admissionOnly(update))));
            return new WorkflowUpdateWithStartOutput<>(admitted.getWorkflowStartOutput(),
                    new OutcomeWithin<>(admitted.getUpdateHandle(), timeouts.updateTimeout()));
        }
    }

    private static <R> WorkflowClientCallsInterceptor.StartUpdateInput<R> admissionOnly(
            WorkflowClientCallsInterceptor.StartUpdateInput<R> input) {
        return new WorkflowClientCallsInterceptor.StartUpdateInput<>(input.getWorkflowExecution(),
                input.getWorkflowType(), input.getUpdateName(), input.getHeader(), input.getUpdateId(),
                input.getArguments(), input.getResultClass(), input.getResultType(), input.getFirstExecutionRunId(),
                WaitPolicy.newBuilder().setLifecycleStage(
                        UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED)
                        .build());
    }

    /** An admitted Update whose outcome is awaited at most {@code timeout}, whatever the caller asks. */
    private record OutcomeWithin<R>(WorkflowUpdateHandle<R> admitted, Duration timeout)
            implements WorkflowUpdateHandle<R> {

        @Override
        public io.temporal.api.common.v1.WorkflowExecution getExecution() {
            return admitted.getExecution();
        }

        @Override
        public String getId() {
            return admitted.getId();
        }

        @Override
        public R getResult() {
            return admitted.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public R getResult(long wait, TimeUnit unit) {
            return admitted.getResult(Math.min(unit.toMillis(wait), timeout.toMillis()), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletableFuture<R> getResultAsync() {
            return admitted.getResultAsync(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletableFuture<R> getResultAsync(long wait, TimeUnit unit) {
            return admitted.getResultAsync(Math.min(unit.toMillis(wait), timeout.toMillis()), TimeUnit.MILLISECONDS);
        }
    }
}
