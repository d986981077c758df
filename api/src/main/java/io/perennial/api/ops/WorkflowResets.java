package io.perennial.api.ops;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.temporal.client.TemporalConfiguration;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Resets workflows after a bug fix: each one goes back to the last completed workflow task before its first
 * failure (a failed or timed-out activity or workflow task, or the failed execution), and runs on from there with
 * the fixed code. Charges repeat under the same idempotency keys, so nothing is charged twice. Every reset is
 * audited.
 */
@Singleton
public class WorkflowResets {
    private static final Logger log = LoggerFactory.getLogger(WorkflowResets.class);
    private static final Set<EventType> FAILURES = Set.of(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT);
    private static final int BATCH_LIMIT = 1000;

    @Serdeable
    public record Reset(String workflowId, String fromRunId, String newRunId, long resetToEventId) {
    }

    @Serdeable
    public record Skipped(String workflowId, String reason) {
    }

    @Serdeable
    public record BatchReset(String query, int matched, List<Reset> reset, List<Skipped> skipped) {
    }

    private final WorkflowClient temporal;
    private final WorkflowServiceStubs service;
    private final TemporalConfiguration configuration;
    private final AuditLog audit;

    public WorkflowResets(WorkflowClient temporal, WorkflowServiceStubs service, TemporalConfiguration configuration,
                          AuditLog audit) {
        this.temporal = temporal;
        this.service = service;
        this.configuration = configuration;
        this.audit = audit;
    }

    public Reset reset(CurrentUser caller, String workflowId, String reason) {
        try {
            Reset done = resetLatestRun(workflowId, reason, caller);
            audit.save(AuditEntry.of(caller.userId().toString(), "workflow.reset", workflowId, reason,
                    "reset to event " + done.resetToEventId() + ", new run " + done.newRunId()));
            return done;
        } catch (ProblemException refused) {
            audit.save(AuditEntry.of(caller.userId().toString(), "workflow.reset", workflowId, reason,
                    "refused: " + refused.problem().detail()));
            throw refused;
        }
    }

    /** Resets every workflow the visibility query matches (at most 1000), one by one, each audited. */
    public BatchReset resetAll(CurrentUser caller, String query, String reason) {
        List<WorkflowExecutionMetadata> matched;
        try {
            matched = temporal.listExecutions(query).limit(BATCH_LIMIT).toList();
        } catch (StatusRuntimeException e) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "invalid-query", "Invalid visibility query",
                    422, e.getStatus().getDescription(), null, List.of(new Problem.FieldError("/query",
                    String.valueOf(e.getStatus().getDescription())))));
        }
        Set<String> workflowIds = matched.stream().map(info -> info.getExecution().getWorkflowId())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        List<Reset> reset = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String workflowId : workflowIds) {
            try {
                reset.add(reset(caller, workflowId, reason));
            } catch (ProblemException refused) {
                skipped.add(new Skipped(workflowId, refused.problem().detail()));
            }
        }
        return new BatchReset(query, workflowIds.size(), reset, skipped);
    }

    private Reset resetLatestRun(String workflowId, String reason, CurrentUser caller) {
        String runId;
        WorkflowExecutionHistory history;
        try {
            runId = temporal.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
            history = temporal.fetchHistory(workflowId, runId);
        } catch (RuntimeException missing) {
            throw ApiProblems.notFound("Workflow", workflowId);
        }
        long resetTo = resetPoint(history.getEvents()).orElseThrow(() -> new ProblemException(new Problem(
                ApiProblems.BASE + "nothing-to-reset", "Nothing to reset", 409,
                "Workflow " + workflowId + " has no failure in its latest run to reset before.", null, null)));
        ResetWorkflowExecutionResponse response;
        try {
            response = service.blockingStub().resetWorkflowExecution(
                ResetWorkflowExecutionRequest.newBuilder()
                        .setNamespace(configuration.namespace())
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                        .setWorkflowTaskFinishEventId(resetTo)
                        .setReason(reason + " (reset by " + caller.userId() + ")")
                        .setRequestId(UUID.randomUUID().toString())
                        .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.UNIMPLEMENTED) {
                throw new ProblemException(new Problem(ApiProblems.BASE + "reset-unsupported", "Reset not supported",
                        501, "This Temporal server (the in-process test server of the embedded mode) cannot reset "
                        + "workflows; run against a real Temporal server.", null, null));
            }
            throw e;
        }
        log.warn("Reset {} run {} to event {}: new run {} ({})", workflowId, runId, resetTo, response.getRunId(),
                reason);
        return new Reset(workflowId, runId, response.getRunId(), resetTo);
    }

    /** A reset itself fails the workflow task it resets to; that is not a failure to reset before. */
    private static boolean markedByReset(HistoryEvent event) {
        return event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
                && event.getWorkflowTaskFailedEventAttributes().getCause()
                == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW;
    }

    /** The last completed workflow task before the first failure, or empty when the run has no failure. */
    static Optional<Long> resetPoint(List<HistoryEvent> events) {
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
