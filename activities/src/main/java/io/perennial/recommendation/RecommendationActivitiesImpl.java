package io.perennial.recommendation;

import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class RecommendationActivitiesImpl implements RecommendationActivities {

    private final Recommendations recommendations;

    public RecommendationActivitiesImpl(Recommendations recommendations) {
        this.recommendations = recommendations;
    }

    @Override
    public RecommendationsRefreshed refreshRecommendations(RecommendationRefreshCut cut) {
        long started = System.nanoTime();
        ItemToItemModel model = recommendations.refresh(cut.asOf());
        return new RecommendationsRefreshed(cut.asOf(), model.neighbours().size(),
                model.neighbours().values().stream().mapToInt(List::size).sum(), model.customers(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
