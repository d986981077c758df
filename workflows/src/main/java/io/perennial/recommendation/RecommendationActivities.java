package io.perennial.recommendation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface RecommendationActivities {

    /** Recomputes the model as of the cut and replaces the stored one; running it twice stores the same model. */
    @ActivityMethod(name = "RefreshRecommendations")
    RecommendationsRefreshed refreshRecommendations(RecommendationRefreshCut cut);
}
