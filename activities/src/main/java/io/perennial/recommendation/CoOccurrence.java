package io.perennial.recommendation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sums the cosine model is made of: per item the sum of its customers' squared weights (its norm), of their
 * weights (popularity) and their count; per pair of items the sum of the products of both weights (the dot product)
 * and the customers with both (support). A customer's profile is added, or taken away again, term by term, so a
 * refresh that kept these sums changes them by the changed customers only. Remembers which items it changed since
 * it was built or loaded, so the refresh re-ranks only the items whose similarities can have moved.
 */
final class CoOccurrence {

    /** One item's sums; {@code customers} is exact, so an item nobody counts any more is dropped exactly. */
    static final class ItemSums {
        double norm;
        double weight;
        int customers;
    }

    /** One pair's sums, shared by both directions. */
    static final class PairSums {
        double dot;
        int support;
    }

    /** A pair as stored: {@code item} before {@code other}. */
    record Pair(String item, String other) {
        static Pair of(String a, String b) {
            return a.compareTo(b) < 0 ? new Pair(a, b) : new Pair(b, a);
        }
    }

    private static final Comparator<ItemToItemModel.Neighbour> BEST_FIRST =
            Comparator.comparingDouble(ItemToItemModel.Neighbour::score).reversed()
                    .thenComparing(ItemToItemModel.Neighbour::item);

    private final Map<String, ItemSums> items = new HashMap<>();
    private final Map<String, Map<String, PairSums>> pairs = new HashMap<>();
    private final Set<String> changedItems = new HashSet<>();
    private final Set<Pair> changedPairs = new HashSet<>();

    /** Loads stored sums (not counted as changes). */
    void loadItem(String item, double norm, double weight, int customers) {
        ItemSums sums = items.computeIfAbsent(item, key -> new ItemSums());
        sums.norm = norm;
        sums.weight = weight;
        sums.customers = customers;
    }

    void loadPair(String item, String other, double dot, int support) {
        PairSums sums = pair(item, other);
        sums.dot = dot;
        sums.support = support;
    }

    /**
     * Adds ({@code sign} 1) or takes away ({@code sign} -1) one customer's counted items ({@link #counted}) in the
     * order given: the same order both ways, so the same terms are added and taken away.
     */
    void add(List<Map.Entry<String, Double>> profile, int sign) {
        for (int a = 0; a < profile.size(); a++) {
            String itemA = profile.get(a).getKey();
            double weightA = profile.get(a).getValue();
            ItemSums sums = items.computeIfAbsent(itemA, key -> new ItemSums());
            sums.norm += sign * weightA * weightA;
            sums.weight += sign * weightA;
            sums.customers += sign;
            changedItems.add(itemA);
            for (int b = a + 1; b < profile.size(); b++) {
                String itemB = profile.get(b).getKey();
                PairSums pair = pair(itemA, itemB);
                pair.dot += sign * weightA * profile.get(b).getValue();
                pair.support += sign;
                changedPairs.add(Pair.of(itemA, itemB));
            }
        }
    }

    /** A customer's positive weights, heaviest first (ties by item), at most {@code max}: what the model counts. */
    static List<Map.Entry<String, Double>> counted(Map<String, Double> weights, int max) {
        List<Map.Entry<String, Double>> items = new ArrayList<>();
        weights.forEach((item, weight) -> {
            if (weight > 0) {
                items.add(Map.entry(item, weight));
            }
        });
        items.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return items.size() > max ? List.copyOf(items.subList(0, max)) : items;
    }

    /** Drops the items and pairs no customer counts any more (their sums are rounding left-overs). */
    void dropEmpty() {
        items.values().removeIf(sums -> sums.customers == 0);
        pairs.values().forEach(others -> others.values().removeIf(pair -> pair.support == 0));
        pairs.values().removeIf(Map::isEmpty);
    }

    /**
     * The items whose neighbour lists can have changed: those whose sums changed, and every item paired with one of
     * them (its cosine with that item has a new norm under it).
     */
    Set<String> itemsToRerank() {
        Set<String> rerank = new HashSet<>(changedItems);
        for (String item : changedItems) {
            rerank.addAll(pairs.getOrDefault(item, Map.of()).keySet());
        }
        return rerank;
    }

    /**
     * An item's {@code limit} most similar items. Scores are rounded to 12 decimals so that a model kept by additions
     * and subtractions ranks exactly as one summed afresh: their last bits differ, and ties (cosine 1) are common.
     */
    List<ItemToItemModel.Neighbour> neighbours(String item, int limit) {
        ItemSums sums = items.get(item);
        List<ItemToItemModel.Neighbour> list = new ArrayList<>();
        pairs.getOrDefault(item, Map.of()).forEach((other, pair) -> {
            double score = Math.round(pair.dot / Math.sqrt(sums.norm * items.get(other).norm) * 1e12) / 1e12;
            if (score > 0) {
                list.add(new ItemToItemModel.Neighbour(other, score, pair.support));
            }
        });
        list.sort(BEST_FIRST);
        return list.size() > limit ? List.copyOf(list.subList(0, limit)) : list;
    }

    /** Every item's neighbours, for a model trained from scratch. */
    Map<String, List<ItemToItemModel.Neighbour>> allNeighbours(int limit) {
        Map<String, List<ItemToItemModel.Neighbour>> all = new HashMap<>();
        for (String item : pairs.keySet()) {
            all.put(item, neighbours(item, limit));
        }
        return all;
    }

    Map<String, ItemSums> items() {
        return items;
    }

    ItemSums item(String item) {
        return items.get(item);
    }

    /** The pair's sums, or null when no customer counts both. */
    PairSums pairOrNull(Pair pair) {
        return pairs.getOrDefault(pair.item(), Map.of()).get(pair.other());
    }

    Set<String> changedItems() {
        return changedItems;
    }

    Collection<Pair> changedPairs() {
        return changedPairs;
    }

    /** Every stored pair once, {@code item} before {@code other}. */
    void forEachPair(PairConsumer consumer) {
        pairs.forEach((item, others) -> others.forEach((other, sums) -> {
            if (item.compareTo(other) < 0) {
                consumer.accept(item, other, sums);
            }
        }));
    }

    int pairCount() {
        int twice = 0;
        for (Map<String, PairSums> others : pairs.values()) {
            twice += others.size();
        }
        return twice / 2;
    }

    interface PairConsumer {
        void accept(String item, String other, PairSums sums);
    }

    private PairSums pair(String a, String b) {
        PairSums sums = pairs.computeIfAbsent(a, key -> new HashMap<>()).get(b);
        if (sums == null) {
            sums = new PairSums();
            pairs.get(a).put(b, sums);
            pairs.computeIfAbsent(b, key -> new HashMap<>()).put(a, sums);
        }
        return sums;
    }
}
