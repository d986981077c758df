package io.perennial.recommendation;

import java.time.Instant;

/**
 * Signals up to {@code asOf} count, decayed by their age then; {@code kind} says how to compute the model (a run
 * from before incremental refreshes sends none, and meant a full one).
 */
public record RecommendationRefreshCut(Instant asOf, RefreshKind kind) {

    public RecommendationRefreshCut {
        kind = kind == null ? RefreshKind.FULL : kind;
    }

    public RecommendationRefreshCut(Instant asOf) {
        this(asOf, RefreshKind.FULL);
    }
}
