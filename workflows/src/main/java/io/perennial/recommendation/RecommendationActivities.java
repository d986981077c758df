package io.perennial.recommendation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface RecommendationActivities {

    /** When the stored model was last rebuilt and up to when it counts signals. */
    @ActivityMethod(name = "ReadRecommendationModel")
    RecommendationModelState readModel();

    /**
     * Brings the model to the cut, fully or incrementally as the cut says (an incremental one that cannot be exact,
     * because the model moved on meanwhile, is done fully), in one transaction; running it twice stores the same model.
     */
    @ActivityMethod(name = "RefreshRecommendations")
    RecommendationsRefreshed refreshRecommendations(RecommendationRefreshCut cut);
}
