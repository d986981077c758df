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

    private static final Comparator<Neighbour> BEST_FIRST = Comparator.comparingDouble(Neighbour::score).reversed()
            .thenComparing(Neighbour::item);

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
     * pair count per customer.
     */
    public static ItemToItemModel train(Collection<Interaction> interactions, int neighboursPerItem,
                                        int maxItemsPerCustomer) {
        Map<String, Profile> profiles = profiles(interactions);
        Map<String, Double> norms = new HashMap<>();
        Map<String, Double> popularity = new HashMap<>();
        Map<String, Map<String, double[]>> dots = new HashMap<>();
        for (Profile profile : profiles.values()) {
            List<Map.Entry<String, Double>> items = new ArrayList<>(profile.weights().entrySet());
            items.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            if (items.size() > maxItemsPerCustomer) {
                items = items.subList(0, maxItemsPerCustomer);
            }
            for (int a = 0; a < items.size(); a++) {
                String itemA = items.get(a).getKey();
                double weightA = items.get(a).getValue();
                norms.merge(itemA, weightA * weightA, Double::sum);
                popularity.merge(itemA, weightA, Double::sum);
                for (int b = a + 1; b < items.size(); b++) {
                    String itemB = items.get(b).getKey();
                    double product = weightA * items.get(b).getValue();
                    add(dots, itemA, itemB, product);
                    add(dots, itemB, itemA, product);
                }
            }
        }
        Map<String, List<Neighbour>> neighbours = new HashMap<>();
        dots.forEach((item, others) -> {
            List<Neighbour> list = new ArrayList<>();
            others.forEach((other, dot) -> list.add(new Neighbour(other,
                    dot[0] / Math.sqrt(norms.get(item) * norms.get(other)), (int) dot[1])));
            list.sort(BEST_FIRST);
            neighbours.put(item, List.copyOf(list.subList(0, Math.min(neighboursPerItem, list.size()))));
        });
        return new ItemToItemModel(neighbours, popularity, profiles.size());
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

    private static void add(Map<String, Map<String, double[]>> dots, String from, String to, double product) {
        double[] cell = dots.computeIfAbsent(from, item -> new HashMap<>()).computeIfAbsent(to, item -> new double[2]);
        cell[0] += product;
        cell[1] += 1;
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
