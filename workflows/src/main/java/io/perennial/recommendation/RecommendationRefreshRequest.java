package io.perennial.recommendation;

/**
 * @param trigger who asked: {@code schedule} or {@code ops:{userId}}
 * @param full    rebuild from scratch whatever the model's state (ops may ask; the Schedule never does)
 */
public record RecommendationRefreshRequest(String trigger, boolean full) {

    public static RecommendationRefreshRequest scheduled() {
        return new RecommendationRefreshRequest("schedule", false);
    }
}
