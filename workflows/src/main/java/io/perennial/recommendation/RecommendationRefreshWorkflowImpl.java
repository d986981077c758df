package io.perennial.recommendation;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.BusinessTime;
import io.perennial.temporal.RetryPolicies;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;

public class RecommendationRefreshWorkflowImpl implements RecommendationRefreshWorkflow {

    /** Runs read the model's state and choose full or incremental; runs before it always recomputed everything. */
    static final String INCREMENTAL_REFRESH = "recommendation-incremental-refresh";

    /** Retried as a whole: a refresh changes the model in one transaction. */
    private final RecommendationActivities recommendations = ActivityStubs.stub(RecommendationActivities.class,
            Duration.ofMinutes(10), RetryPolicies.DATABASE);

    @Override
    public RecommendationsRefreshed run(RecommendationRefreshRequest request) {
        // Decay is measured from the workflow's clock, so the test clock ages signals in the embedded mode.
        Instant now = BusinessTime.now();
        if (Workflow.getVersion(INCREMENTAL_REFRESH, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return recommendations.refreshRecommendations(new RecommendationRefreshCut(now));
        }
        RecommendationModelState model = recommendations.readModel();
        return recommendations.refreshRecommendations(
                new RecommendationRefreshCut(now, RefreshKind.forRun(request, model, now)));
    }
}
