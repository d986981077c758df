package io.perennial.bench;

import io.perennial.recommendation.Interaction;
import io.perennial.recommendation.ItemToItemModel;
import io.perennial.recommendation.Recommendations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Offline evaluation of the recommender (docs/benchmarks.md): leave-last-out on {@link PlantedBaskets}. Each
 * customer's last interaction with an item they had not touched before is held out; the model trains on everything
 * else; each customer gets 10 items they have not touched, and a hit is the held-out item among them.
 * HR@10 = hits / customers; NDCG@10 = mean of 1 / log2(rank + 1) over hits (one relevant item, so IDCG = 1).
 * Compared with the most popular items and with random items, both excluding what the customer touched.
 *
 * <pre>
 * ./mvnw -q -pl bench -am compile exec:java@bench -Dexec.skip=true -Dexec.args="recommend --customers 10000 --items 1000"
 * </pre>
 */
final class RecommenderEvaluation {

    private static final int K = 10;

    private RecommenderEvaluation() {
    }

    static void run(String[] args) {
        BasketOptions options = BasketOptions.parse(args);
        int customers = options.customers();
        int items = options.items();
        int clusters = options.clusters();
        long seed = options.seed();
        List<PlantedBaskets.History> histories = PlantedBaskets.generate(customers, items, clusters, seed);
        List<Interaction> training = new ArrayList<>();
        Map<String, String> heldOut = new HashMap<>();
        Map<String, Map<String, Double>> profiles = new HashMap<>();
        for (PlantedBaskets.History history : histories) {
            String held = lastNew(history.events());
            Map<String, Double> profile = new HashMap<>();
            for (Interaction event : history.events()) {
                if (!event.item().equals(held)) {
                    training.add(event);
                    profile.merge(event.item(), event.weight(), Double::sum);
                }
            }
            if (held != null && !profile.isEmpty()) {
                heldOut.put(history.customer(), held);
                profiles.put(history.customer(), profile);
            }
        }
        long started = System.nanoTime();
        ItemToItemModel model = ItemToItemModel.train(training, Recommendations.NEIGHBOURS,
                Recommendations.ITEMS_PER_CUSTOMER);
        long trainMillis = (System.nanoTime() - started) / 1_000_000;

        List<String> catalog = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            catalog.add("sku:i" + i);
        }
        Random random = new Random(seed + 1);
        double[] itemToItem = new double[2];
        double[] popular = new double[2];
        double[] randomly = new double[2];
        started = System.nanoTime();
        for (Map.Entry<String, String> held : heldOut.entrySet()) {
            Map<String, Double> profile = profiles.get(held.getKey());
            score(itemToItem, held.getValue(), model.recommend(profile, Set.of(), K).stream()
                    .map(ItemToItemModel.Scored::item).toList());
        }
        long recommendMicros = (System.nanoTime() - started) / 1_000 / Math.max(1, heldOut.size());
        List<String> byPopularity = model.mostPopular(items).stream().map(ItemToItemModel.Scored::item).toList();
        for (Map.Entry<String, String> held : heldOut.entrySet()) {
            Set<String> touched = profiles.get(held.getKey()).keySet();
            score(popular, held.getValue(), byPopularity.stream().filter(item -> !touched.contains(item)).limit(K)
                    .toList());
            List<String> shuffled = new ArrayList<>(catalog);
            Collections.shuffle(shuffled, random);
            score(randomly, held.getValue(), shuffled.stream().filter(item -> !touched.contains(item)).limit(K)
                    .toList());
        }
        int n = heldOut.size();
        System.out.printf("planted baskets: %d customers, %d items in %d tastes, %d training interactions, seed %d%n",
                customers, items, clusters, training.size(), seed);
        System.out.printf("%-22s %8s %8s%n", "recommender", "HR@10", "NDCG@10");
        System.out.printf("%-22s %8.4f %8.4f%n", "item-to-item cosine", itemToItem[0] / n, itemToItem[1] / n);
        System.out.printf("%-22s %8.4f %8.4f%n", "most popular", popular[0] / n, popular[1] / n);
        System.out.printf("%-22s %8.4f %8.4f%n", "random", randomly[0] / n, randomly[1] / n);
        System.out.printf("training (the refresh's computation) %d ms; %d items with neighbours; "
                + "one recommendation %d µs%n", trainMillis, model.neighbours().size(), recommendMicros);
    }

    /** The item of the last interaction that the customer had not touched before, or null. */
    private static String lastNew(List<Interaction> events) {
        for (int i = events.size() - 1; i > 0; i--) {
            String item = events.get(i).item();
            Set<String> before = new HashSet<>();
            for (int j = 0; j < i; j++) {
                before.add(events.get(j).item());
            }
            if (!before.contains(item)) {
                return item;
            }
        }
        return null;
    }

    private static void score(double[] totals, String held, List<String> recommended) {
        int rank = recommended.indexOf(held);
        if (rank >= 0) {
            totals[0] += 1;
            totals[1] += 1 / (Math.log(rank + 2) / Math.log(2));
        }
    }
}
