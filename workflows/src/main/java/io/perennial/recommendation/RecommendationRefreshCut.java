package io.perennial.recommendation;

import java.time.Instant;

/** Signals up to {@code asOf} count, decayed by their age then. */
public record RecommendationRefreshCut(Instant asOf) {
}
