package io.perennial.temporal.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Resets a workflow after a bug fix: its latest run goes back to the last completed workflow task before its first
 * failure (a failed or timed-out activity or workflow task, or the failed execution), and runs on from there with
 * the fixed code. Charges repeat under the same idempotency keys, so nothing is charged twice. Used by the single
 * reset route and by the batch reset's activity, which both audit each outcome ({@link #auditOutcome}).
 */
@Singleton
public class WorkflowResetter {
    private static final Logger log = LoggerFactory.getLogger(WorkflowResetter.class);
    private static final Set<EventType> FAILURES = Set.of(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT);

    /** What became of one reset. */
    public sealed interface Outcome {
    }

    public record Reset(String workflowId, String fromRunId, String newRunId, long resetToEventId) implements Outcome {
    }

    public enum Why { NOT_FOUND, NOTHING_TO_RESET, UNSUPPORTED }

    public record Refused(Why why, String detail) implements Outcome {
    }

    private final WorkflowClient temporal;

    public WorkflowResetter(WorkflowClient temporal) {
        this.temporal = temporal;
    }

    /** The audit log's outcome line of a reset (action {@code workflow.reset}). */
    public static String auditOutcome(Outcome outcome) {
        return outcome instanceof Reset done
                ? "reset to event " + done.resetToEventId() + ", new run " + done.newRunId()
                : "refused: " + ((Refused) outcome).detail();
    }

    public Outcome reset(String actor, String workflowId, String reason) {
        String runId;
        WorkflowExecutionHistory history;
        try {
            runId = temporal.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
            history = temporal.fetchHistory(workflowId, runId);
        } catch (RuntimeException missing) {
            return new Refused(Why.NOT_FOUND, "Workflow " + workflowId + " was not found.");
        }
        Optional<Long> resetTo = resetPoint(history.getEvents());
        if (resetTo.isEmpty()) {
            return new Refused(Why.NOTHING_TO_RESET,
                    "Workflow " + workflowId + " has no failure in its latest run to reset before.");
        }
        ResetWorkflowExecutionResponse response;
        try {
            response = temporal.getWorkflowServiceStubs().blockingStub().resetWorkflowExecution(
                    ResetWorkflowExecutionRequest.newBuilder()
                            .setNamespace(temporal.getOptions().getNamespace())
                            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)
                                    .setRunId(runId))
                            .setWorkflowTaskFinishEventId(resetTo.get())
                            .setReason(reason + " (reset by " + actor + ")")
                            .setRequestId(UUID.randomUUID().toString())
                            .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return new Refused(Why.UNSUPPORTED, "This Temporal server (the in-process test server of the "
                        + "embedded mode) cannot reset workflows; run against a real Temporal server.");
            }
            throw e;
        }
        log.warn("Reset {} run {} to event {}: new run {} ({})", workflowId, runId, resetTo.get(),
                response.getRunId(), reason);
        return new Reset(workflowId, runId, response.getRunId(), resetTo.get());
    }

    /** A reset itself fails the workflow task it resets to; that is not a failure to reset before. */
    private static boolean markedByReset(HistoryEvent event) {
        return event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
                && event.getWorkflowTaskFailedEventAttributes().getCause()
                == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW;
    }

    /** The last completed workflow task before the first failure, or empty when the run has no failure. */
    public static Optional<Long> resetPoint(List<HistoryEvent> events) {
        long lastCompletedTask = -1;
        for (HistoryEvent event : events) {
            if (FAILURES.contains(event.getEventType()) && !markedByReset(event)) {
                return lastCompletedTask > 0 ? Optional.of(lastCompletedTask) : Optional.empty();
            }
            if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
                lastCompletedTask = event.getEventId();
            }
        }
        return Optional.empty();
    }
}
