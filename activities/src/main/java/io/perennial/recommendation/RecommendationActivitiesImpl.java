package io.perennial.recommendation;

import jakarta.inject.Singleton;

@Singleton
public class RecommendationActivitiesImpl implements RecommendationActivities {

    private final RecommendationRefresh refresh;

    public RecommendationActivitiesImpl(RecommendationRefresh refresh) {
        this.refresh = refresh;
    }

    @Override
    public RecommendationModelState readModel() {
        return refresh.state();
    }

    @Override
    public RecommendationsRefreshed refreshRecommendations(RecommendationRefreshCut cut) {
        long started = System.nanoTime();
        RecommendationRefresh.Refreshed done = refresh.refresh(cut.asOf(), cut.kind());
        return new RecommendationsRefreshed(cut.asOf(), done.items(), done.pairs(), done.customers(),
                (System.nanoTime() - started) / 1_000_000, done.kind(), done.recomputed());
    }
}
