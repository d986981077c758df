package io.perennial.api.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.analytics.AnalyticsRollupWorkflow;
import io.perennial.analytics.RollupRequest;
import io.perennial.analytics.RollupResult;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A backfill of the analytics facts over a date range: one workflow that replaces every day of it (recomputing a day
 * gives the same rows), e.g. after a fix to a definition or to an exchange rate.
 */
@Controller("/v1/ops/analytics")
@Secured({"OPS", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class AnalyticsOpsController {

    /** How long a backfill is waited for before answering 202 with the workflow to follow. */
    private static final long WAIT_SECONDS = 30;

    /** @param from first day (ISO date, UTC) @param to last day, at most 366 days after */
    @Serdeable
    public record BackfillRequest(@Nullable String from, @Nullable String to) {
    }

    @Serdeable
    public record Backfill(String workflowId, String from, String to, @Nullable Integer days) {
    }

    private final WorkflowClient temporal;

    public AnalyticsOpsController(WorkflowClient temporal) {
        this.temporal = temporal;
    }

    @Post("/backfill")
    @Operation(operationId = "backfillAnalytics")
    @ProblemResponses.InvalidBody
    public HttpResponse<Backfill> backfill(@Body BackfillRequest request, Authentication authentication) {
        AnalyticsRange range = AnalyticsRange.of(request.from(), request.to(), "day", RollupRequest.MAX_DAYS);
        String workflowId = WorkflowIds.analyticsRollup("ops-" + UUID.randomUUID());
        AnalyticsRollupWorkflow rollup = temporal.newWorkflowStub(AnalyticsRollupWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TaskQueues.SUBSCRIPTIONS).build());
        WorkflowClient.start(rollup::run, new RollupRequest(range.from(), range.to(),
                "ops:" + CurrentUser.of(authentication).userId()));
        try {
            RollupResult result = WorkflowStub.fromTyped(rollup).getResult(WAIT_SECONDS, TimeUnit.SECONDS,
                    RollupResult.class);
            return HttpResponse.ok(new Backfill(workflowId, range.from().toString(), range.to().toString(),
                    result.days()));
        } catch (TimeoutException stillRunning) {
            return HttpResponse.accepted().body(new Backfill(workflowId, range.from().toString(),
                    range.to().toString(), null));
        }
    }
}
