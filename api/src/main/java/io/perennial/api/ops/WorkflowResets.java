package io.perennial.api.ops;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.temporal.client.WorkflowResetter;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Resets workflows after a bug fix ({@link WorkflowResetter}): one at once, or every workflow a visibility query
 * matches as a tracked batch ({@link OpsBatches}) at a limited rate. Every reset is audited.
 */
@Singleton
public class WorkflowResets {

    @Serdeable
    public record Reset(String workflowId, String fromRunId, String newRunId, long resetToEventId) {
    }

    private final WorkflowClient temporal;
    private final WorkflowResetter resetter;
    private final OpsBatches batches;
    private final AuditLog audit;

    public WorkflowResets(WorkflowClient temporal, WorkflowResetter resetter, OpsBatches batches, AuditLog audit) {
        this.temporal = temporal;
        this.resetter = resetter;
        this.batches = batches;
        this.audit = audit;
    }

    public Reset reset(CurrentUser caller, String workflowId, String reason) {
        String actor = caller.userId().toString();
        WorkflowResetter.Outcome outcome = resetter.reset(actor, workflowId, reason);
        audit.save(AuditEntry.of(actor, "workflow.reset", workflowId, reason, WorkflowResetter.auditOutcome(outcome)));
        if (outcome instanceof WorkflowResetter.Reset done) {
            return new Reset(done.workflowId(), done.fromRunId(), done.newRunId(), done.resetToEventId());
        }
        WorkflowResetter.Refused refused = (WorkflowResetter.Refused) outcome;
        throw switch (refused.why()) {
            case NOT_FOUND -> ApiProblems.notFound("Workflow", workflowId);
            case NOTHING_TO_RESET -> new ProblemException(new Problem(ApiProblems.BASE + "nothing-to-reset",
                    "Nothing to reset", 409, refused.detail(), null, null));
            case UNSUPPORTED -> new ProblemException(new Problem(ApiProblems.BASE + "reset-unsupported",
                    "Reset not supported", 501, refused.detail(), null, null));
        };
    }

    /**
     * Starts resetting every workflow the visibility query matches, as a tracked batch (no limit on how many); the
     * query is checked first, so a query the server refuses is a 422 now rather than a failed batch later.
     */
    public HttpResponse<OpsBatches.Batch> resetAll(CurrentUser caller, String query, String reason) {
        try {
            temporal.getWorkflowServiceStubs().blockingStub().listWorkflowExecutions(
                    ListWorkflowExecutionsRequest.newBuilder().setNamespace(temporal.getOptions().getNamespace())
                            .setQuery(query).setPageSize(1).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                // The embedded mode's in-process Temporal has no visibility queries (nor resets): a 501, not a 500.
                throw new ProblemException(new Problem(ApiProblems.BASE + "reset-unsupported", "Reset not supported",
                        501, "This Temporal server cannot list workflows by query; batch resets need a real Temporal "
                        + "server.", null, null));
            }
            if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
                throw e;
            }
            throw new ProblemException(new Problem(ApiProblems.BASE + "invalid-query", "Invalid visibility query",
                    422, e.getStatus().getDescription(), null, List.of(new Problem.FieldError("/query",
                    String.valueOf(e.getStatus().getDescription())))));
        }
        return batches.startReset(caller.userId().toString(), query, reason);
    }
}
