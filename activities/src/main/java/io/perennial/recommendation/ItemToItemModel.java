package io.perennial.recommendation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Item-to-item collaborative filtering over implicit feedback: each item is the vector of its customers' summed
 * weights; two items are as similar as the cosine of their vectors; each item keeps its {@code neighbours} best.
 * A customer's score for an item is the sum, over the items in their profile, of (their weight × similarity); the
 * reason is the profile item that contributed most. Pure Java, so the offline evaluation runs the very same code.
 */
public final class ItemToItemModel {

    /** One similar item. */
    public record Neighbour(String item, double score, int support) {
    }

    /** One recommended item, with the profile item that brought it. */
    public record Scored(String item, double score, String because) {
    }

    /** A customer's items, with their summed weights; only positive weights make a profile. */
    public record Profile(Map<String, Double> weights) {
    }

    private final Map<String, List<Neighbour>> neighbours;
    private final Map<String, Double> popularity;
    private final int customers;

    /** @param customers how many customers it was trained on (0 for a model read back for one request) */
    public ItemToItemModel(Map<String, List<Neighbour>> neighbours, Map<String, Double> popularity, int customers) {
        this.neighbours = neighbours;
        this.popularity = popularity;
        this.customers = customers;
    }

    /**
     * Trains on {@code interactions}; a customer's {@code maxItemsPerCustomer} heaviest items only, which bounds the
     * pair count per customer. The same sums ({@link CoOccurrence}) and ranking as the service's refresh.
     */
    public static ItemToItemModel train(Collection<Interaction> interactions, int neighboursPerItem,
                                        int maxItemsPerCustomer) {
        Map<String, Profile> profiles = profiles(interactions);
        CoOccurrence sums = new CoOccurrence();
        for (Profile profile : profiles.values()) {
            sums.add(CoOccurrence.counted(profile.weights(), maxItemsPerCustomer), 1);
        }
        Map<String, Double> popularity = new HashMap<>();
        sums.items().forEach((item, itemSums) -> popularity.put(item, itemSums.weight));
        return new ItemToItemModel(sums.allNeighbours(neighboursPerItem), popularity, profiles.size());
    }

    /** Each customer's items with their summed weights, keeping the positive ones. */
    public static Map<String, Profile> profiles(Collection<Interaction> interactions) {
        Map<String, Map<String, Double>> sums = new HashMap<>();
        for (Interaction interaction : interactions) {
            sums.computeIfAbsent(interaction.customer(), customer -> new HashMap<>())
                    .merge(interaction.item(), interaction.weight(), Double::sum);
        }
        Map<String, Profile> profiles = new HashMap<>();
        sums.forEach((customer, weights) -> {
            weights.values().removeIf(weight -> weight <= 0);
            if (!weights.isEmpty()) {
                profiles.put(customer, new Profile(weights));
            }
        });
        return profiles;
    }

    /**
     * The {@code limit} best items for a profile, none of {@code excluded}: by similarity to the profile, then, to
     * fill up, the most popular (with {@code because} null).
     */
    public List<Scored> recommend(Map<String, Double> profile, Set<String> excluded, int limit) {
        Map<String, double[]> scores = new TreeMap<>();
        Map<String, String> because = new HashMap<>();
        profile.forEach((item, weight) -> {
            if (weight <= 0) {
                return;
            }
            for (Neighbour neighbour : neighbours.getOrDefault(item, List.of())) {
                if (excluded.contains(neighbour.item()) || profile.containsKey(neighbour.item())) {
                    continue;
                }
                double contribution = weight * neighbour.score();
                double[] score = scores.computeIfAbsent(neighbour.item(), key -> new double[2]);
                score[0] += contribution;
                if (contribution > score[1] || (contribution == score[1]
                        && item.compareTo(because.get(neighbour.item())) < 0)) {
                    score[1] = contribution;
                    because.put(neighbour.item(), item);
                }
            }
        });
        List<Scored> ranked = new ArrayList<>();
        scores.forEach((item, score) -> ranked.add(new Scored(item, score[0], because.get(item))));
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::item));
        List<Scored> result = new ArrayList<>(ranked.subList(0, Math.min(limit, ranked.size())));
        if (result.size() < limit) {
            for (Scored popular : mostPopular(limit + excluded.size() + profile.size() + result.size())) {
                if (result.size() >= limit) {
                    break;
                }
                boolean taken = excluded.contains(popular.item()) || profile.containsKey(popular.item())
                        || result.stream().anyMatch(found -> found.item().equals(popular.item()));
                if (!taken) {
                    result.add(popular);
                }
            }
        }
        return result;
    }

    /** Items by total weight, most first (the popularity baseline and fallback). */
    public List<Scored> mostPopular(int limit) {
        return popularity.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(entry -> new Scored(entry.getKey(), entry.getValue(), null)).toList();
    }

    public Map<String, List<Neighbour>> neighbours() {
        return neighbours;
    }

    public Map<String, Double> popularity() {
        return popularity;
    }

    public int customers() {
        return customers;
    }
}
