package io.perennial.recommendation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One refresh of the item-to-item model, started by its Schedule ({@code schedule-recommendations-refresh}) or ops. */
@WorkflowInterface
public interface RecommendationRefreshWorkflow {

    @WorkflowMethod
    RecommendationsRefreshed run(RecommendationRefreshRequest request);
}
