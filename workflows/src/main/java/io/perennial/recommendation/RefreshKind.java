package io.perennial.recommendation;

import java.time.Duration;
import java.time.Instant;

/**
 * How a refresh computes the model (docs/analytics.md, "Recommendations"): from scratch, or by recomputing only the
 * customers whose signals changed since the last refresh, which gives the same model.
 */
public enum RefreshKind {
    FULL,
    INCREMENTAL;

    /**
     * A full rebuild at least this often: it starts a new frame for the stored weights (bounding their growth and the
     * rounding carried by sums kept for weeks), and catches any change the triggers cannot see (a {@code TRUNCATE}).
     */
    public static final Duration FULL_EVERY = Duration.ofDays(7);

    /**
     * What a run at {@code now} does: full when ops ask for it, when there is no model yet, when the last full rebuild
     * is {@link #FULL_EVERY} old, or when the clock is behind the model's cut (signals it counted as past would be
     * in the future); otherwise incremental.
     */
    public static RefreshKind forRun(RecommendationRefreshRequest request, RecommendationModelState model,
                                     Instant now) {
        boolean full = request.full() || model.fullAt() == null || model.cutAt() == null
                || now.isBefore(model.cutAt()) || !now.isBefore(model.fullAt().plus(FULL_EVERY));
        return full ? FULL : INCREMENTAL;
    }
}
