package io.perennial.recommendation;

import java.time.Instant;

/**
 * The stored model: when it was last rebuilt from scratch and up to when it has counted signals; both null before
 * the first refresh.
 */
public record RecommendationModelState(Instant fullAt, Instant cutAt) {
}
