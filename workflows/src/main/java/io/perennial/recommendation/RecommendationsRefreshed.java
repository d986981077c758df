package io.perennial.recommendation;

import java.time.Instant;

/**
 * What a refresh computed: items with neighbours, stored pairs, the customers it learnt from, how long it took, how it
 * computed ({@code kind}, null from runs before incremental refreshes) and how many customers it recomputed (all of
 * them in a full rebuild).
 */
public record RecommendationsRefreshed(Instant asOf, int items, int pairs, int customers, long millis,
                                       RefreshKind kind, int recomputed) {
}
