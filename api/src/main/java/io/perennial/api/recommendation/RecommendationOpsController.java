package io.perennial.api.recommendation;

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
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.recommendation.RecommendationRefreshRequest;
import io.perennial.recommendation.RecommendationRefreshWorkflow;
import io.perennial.recommendation.RecommendationsRefreshed;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ops refresh the recommendation model now rather than at the Schedule's next run (e.g. after a catalog launch). */
@Controller("/v1/ops/recommendations")
@Secured({"OPS", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class RecommendationOpsController {

    /** {@code full}: rebuild from scratch rather than as the Schedule would (incrementally, within a week of a full one). */
    @Serdeable
    public record RefreshCommand(@Nullable Boolean full) {
    }

    /**
     * What the refresh computed (see {@link RecommendationsRefreshed}): {@code kind} {@code FULL} or
     * {@code INCREMENTAL}, {@code recomputed} the customers it read again.
     */
    @Serdeable
    public record Refreshed(String workflowId, String asOf, int items, int pairs, int customers, long millis,
                            String kind, int recomputed) {
    }

    /** How long a refresh is waited for before answering 202 with the workflow to follow. */
    private static final long WAIT_SECONDS = 30;

    private final WorkflowClient temporal;

    public RecommendationOpsController(WorkflowClient temporal) {
        this.temporal = temporal;
    }

    @Post("/refresh")
    public HttpResponse<?> refresh(@Body @Nullable RefreshCommand command, Authentication authentication) {
        boolean full = command != null && Boolean.TRUE.equals(command.full());
        String workflowId = WorkflowIds.recommendationRefresh("ops-" + UUID.randomUUID());
        RecommendationRefreshWorkflow refresh = temporal.newWorkflowStub(RecommendationRefreshWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TaskQueues.SUBSCRIPTIONS).build());
        WorkflowClient.start(refresh::run, new RecommendationRefreshRequest(
                "ops:" + CurrentUser.of(authentication).userId(), full));
        try {
            RecommendationsRefreshed done = WorkflowStub.fromTyped(refresh).getResult(WAIT_SECONDS, TimeUnit.SECONDS,
                    RecommendationsRefreshed.class);
            return HttpResponse.ok(new Refreshed(workflowId, done.asOf().toString(), done.items(), done.pairs(),
                    done.customers(), done.millis(), done.kind().name(), done.recomputed()));
        } catch (TimeoutException stillRunning) {
            return HttpResponse.accepted().body(Map.of("workflowId", workflowId));
        }
    }
}
