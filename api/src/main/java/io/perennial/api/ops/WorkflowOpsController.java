package io.perennial.api.ops;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Resetting workflows after a bug fix (ops only; every reset is audited with its reason). */
@Controller("/v1/ops/workflows")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class WorkflowOpsController {

    @Serdeable
    public record ResetRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** {@code query} is a Temporal visibility query, e.g. {@code WorkflowType = 'SubscriptionWorkflow' AND ExecutionStatus = 'Failed'}. */
    @Serdeable
    public record BatchResetRequest(@NotBlank @Size(max = 1000) String query, @NotBlank @Size(max = 500) String reason) {
    }

    private final WorkflowResets resets;

    public WorkflowOpsController(WorkflowResets resets) {
        this.resets = resets;
    }

    /** Resets the workflow's latest run to the last completed workflow task before its first failure. */
    @Post("/{workflowId}/reset")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ApiResponse(responseCode = "501",
            description = "The embedded mode's in-process Temporal cannot reset (reset-unsupported)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WorkflowResets.Reset reset(Authentication authentication,
                                      @Pattern(regexp = "[A-Za-z0-9_.:-]{1,200}") String workflowId,
                                      @Body @Valid ResetRequest request) {
        return resets.reset(CurrentUser.of(authentication), workflowId, request.reason());
    }

    /**
     * Resets every workflow a visibility query matches, each like a single reset, as a tracked batch at a limited
     * rate: 202 with the batch; follow it at {@code /v1/ops/batches/{batchId}}, each workflow's result at its items.
     */
    @Post("/reset")
    @ApiResponse(responseCode = "202", description = "The reset batch is started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OpsBatches.Batch.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.Unprocessable
    @ApiResponse(responseCode = "501",
            description = "The embedded mode's in-process Temporal cannot list workflows by query (reset-unsupported)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<OpsBatches.Batch> resetAll(Authentication authentication,
                                                   @Body @Valid BatchResetRequest request) {
        return resets.resetAll(CurrentUser.of(authentication), request.query(), request.reason());
    }
}
