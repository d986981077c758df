package io.perennial.recommendation;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.BusinessTime;
import io.perennial.temporal.RetryPolicies;

import java.time.Duration;

public class RecommendationRefreshWorkflowImpl implements RecommendationRefreshWorkflow {

    /** A full recomputation over the whole ledger; retried as a whole (it replaces the model in one transaction). */
    private final RecommendationActivities recommendations = ActivityStubs.stub(RecommendationActivities.class,
            Duration.ofMinutes(10), RetryPolicies.DATABASE);

    @Override
    public RecommendationsRefreshed run(RecommendationRefreshRequest request) {
        // Decay is measured from the workflow's clock, so the test clock ages signals in the embedded mode.
        return recommendations.refreshRecommendations(new RecommendationRefreshCut(BusinessTime.now()));
    }
}
