package io.perennial.recommendation;

import java.time.Instant;

/** What a refresh computed: items with neighbours, stored pairs, the customers it learnt from, and how long it took. */
public record RecommendationsRefreshed(Instant asOf, int items, int pairs, int customers, long millis) {
}
