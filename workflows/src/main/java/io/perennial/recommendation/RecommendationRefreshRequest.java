package io.perennial.recommendation;

/** @param trigger who asked: {@code schedule} or {@code ops:{userId}} */
public record RecommendationRefreshRequest(String trigger) {

    public static RecommendationRefreshRequest scheduled() {
        return new RecommendationRefreshRequest("schedule");
    }
}
