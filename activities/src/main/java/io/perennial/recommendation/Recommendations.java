package io.perennial.recommendation;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Item-to-item recommendations (docs/analytics.md, "Recommendations"): the model is refreshed by a Schedule
 * ({@link RecommendationRefresh}); a request scores the customer's current profile against it, leaves out what they
 * own, and explains each item.
 */
@Singleton
public class Recommendations {

    /** Signals lose half their weight every 90 days. */
    public static final double HALF_LIFE_DAYS = 90;
    /** Each item keeps its 50 most similar items. */
    public static final int NEIGHBOURS = 50;
    /** A customer's 200 heaviest items train the model (bounds the pairs one customer adds). */
    public static final int ITEMS_PER_CUSTOMER = 200;

    /**
     * One recommended item and why: {@code becauseOf} the customer's item that brought it (named
     * {@code becauseName}), null when popular; {@code reason} says it in English.
     */
    public record Recommendation(String item, @Nullable String name, double score, String reason,
                                 @Nullable String becauseOf, boolean becauseOwned, @Nullable String becauseName) {
    }

    private final RecommendationLedger ledger;

    public Recommendations(RecommendationLedger ledger) {
        this.ledger = ledger;
    }

    public List<Recommendation> forCustomer(UUID customerId, Instant now, int limit) {
        Map<String, Double> profile = ledger.profile(customerId, now, HALF_LIFE_DAYS);
        Set<String> owned = ledger.owned(customerId);
        ItemToItemModel model = ledger.model(profile.keySet(), limit + owned.size() + profile.size());
        List<ItemToItemModel.Scored> scored = model.recommend(profile, owned, limit);
        Set<String> named = new HashSet<>();
        scored.forEach(item -> {
            named.add(item.item());
            if (item.because() != null) {
                named.add(item.because());
            }
        });
        Map<String, String> names = ledger.names(named);
        return scored.stream().map(item -> {
            if (item.because() == null) {
                return new Recommendation(item.item(), names.get(item.item()), item.score(),
                        "popular with other customers", null, false, null);
            }
            String other = names.getOrDefault(item.because(), item.because());
            boolean bought = owned.contains(item.because());
            return new Recommendation(item.item(), names.get(item.item()), item.score(),
                    (bought ? "bought together with " : "often chosen with ") + other, item.because(), bought,
                    other);
        }).toList();
    }
}
