package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;
import io.perennial.recommendation.Interaction;
import io.perennial.recommendation.RecommendationActivitiesImpl;
import io.perennial.recommendation.RecommendationLedger;
import io.perennial.recommendation.RecommendationRefreshCut;
import io.perennial.recommendation.RecommendationsRefreshed;
import io.perennial.recommendation.RefreshKind;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The recommendation refresh end to end (docs/benchmarks.md): {@link PlantedBaskets}' interactions stored as
 * behaviour events in PostgreSQL (a view, an add-to-cart, a purchase as a 5-star rating), spread over the 180 days
 * before the cut; then the activity the Schedule runs ({@code RecommendationActivitiesImpl.refreshRecommendations}:
 * read the signals, compute, write the tables) timed as a full rebuild, and as an incremental refresh after
 * {@code --changed} percent of the customers add three events each, followed by a full rebuild on the same data to
 * compare both models. The floor, on the same database in the same run: a bare read of the same behaviour rows and
 * a bare multi-row insert of as many rows as {@code item_similarities} holds.
 *
 * <pre>
 * ./mvnw -q -pl bench -am compile exec:java@bench -Dexec.skip=true -Dexec.args="refresh --customers 10000 --items 1000"
 * </pre>
 */
final class RecommendationRefreshScale {

    private static final Instant CUT = Instant.parse("2027-06-01T00:00:00Z");

    private RecommendationRefreshScale() {
    }

    /** What a run measured; millis of each refresh and of the floor, and how far the two models differ. */
    record Measured(int interactions, long fullMillis, long incrementalMillis, long fullAgainMillis, long floorMillis,
                    int customers, int recomputed, int similarityRows, double largestDifference) {
    }

    static void run(String[] args) throws Exception {
        BasketOptions options = BasketOptions.parse(args);
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.fromEnvironment())) {
            ApplicationContext context = PerennialLauncher.start(stack, Map.of("micronaut.server.port", -1));
            try {
                measure(context, options.customers(), options.items(), options.clusters(), options.changedPercent(),
                        options.seed());
            } finally {
                context.close();
            }
        }
    }

    static Measured measure(ApplicationContext context, int customers, int items, int clusters, double changedPercent,
                            long seed) throws Exception {
        DataSource data = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        RecommendationActivitiesImpl activity = context.getBean(RecommendationActivitiesImpl.class);
        RecommendationLedger ledger = context.getBean(RecommendationLedger.class);
        List<PlantedBaskets.History> histories = PlantedBaskets.generate(customers, items, clusters, seed);
        Random random = new Random(seed + 7);
        long started = System.nanoTime();
        int interactions = seed(data, histories, random);
        System.out.printf("behaviour: %d events of %d customers on %d items stored in %.1f s%n", interactions,
                customers, items, (System.nanoTime() - started) / 1e9);

        // Warm-up: the JIT, PostgreSQL's caches, and a model to replace.
        activity.refreshRecommendations(new RecommendationRefreshCut(CUT.minus(Duration.ofDays(1)), RefreshKind.FULL));
        RecommendationsRefreshed full = activity.refreshRecommendations(new RecommendationRefreshCut(CUT,
                RefreshKind.FULL));
        System.out.printf("full rebuild: %d ms (%d customers, %d items with neighbours, %d similarity rows)%n",
                full.millis(), full.customers(), full.items(), full.pairs());

        int changing = Math.max(1, (int) Math.round(customers * changedPercent / 100));
        Instant later = CUT.plus(Duration.ofHours(6));
        for (int c = 0; c < changing; c++) {
            PlantedBaskets.History history = histories.get(random.nextInt(histories.size()));
            List<RecommendationLedger.BehaviourRow> rows = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                Interaction event = history.events().get(random.nextInt(history.events().size()));
                rows.add(row(event, later.minus(Duration.ofMinutes(1 + random.nextInt(300)))));
            }
            ledger.insertBehaviour(customer(history.customer()), rows);
        }
        RecommendationsRefreshed incremental = activity.refreshRecommendations(new RecommendationRefreshCut(later,
                RefreshKind.INCREMENTAL));
        Map<String, Double> kept = similarities(data);
        RecommendationsRefreshed fullAgain = activity.refreshRecommendations(new RecommendationRefreshCut(later,
                RefreshKind.FULL));
        double largest = largestDifference(kept, similarities(data));
        System.out.printf("incremental after %d customers (%.1f %%) added 3 events each: %d ms, %s, %d customers "
                        + "recomputed; a full rebuild on the same data: %d ms; largest score difference %.2e%n",
                changing, changedPercent, incremental.millis(), incremental.kind(), incremental.recomputed(),
                fullAgain.millis(), largest);

        System.out.printf("kept between refreshes: %d pair sums, %d profile rows, %d item sums%n",
                count(data, "recommendation_pairs"), count(data, "recommendation_profiles"),
                count(data, "recommendation_items"));
        long floor = floor(data, fullAgain.pairs());
        System.out.printf("floor (bare read of the behaviour rows + bare insert of %d similarity rows): %d ms%n",
                fullAgain.pairs(), floor);
        System.out.printf("ratio to the floor: full %.1f, incremental %.1f%n", (double) full.millis() / floor,
                (double) incremental.millis() / floor);
        return new Measured(interactions, full.millis(), incremental.millis(), fullAgain.millis(), floor,
                fullAgain.customers(), incremental.recomputed(), fullAgain.pairs(), largest);
    }

    private static UUID customer(String name) {
        return UUID.nameUUIDFromBytes(("bench-reco-" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static RecommendationLedger.BehaviourRow row(Interaction event, Instant at) {
        String id = event.item().substring("sku:".length());
        return event.weight() == 1 ? new RecommendationLedger.BehaviourRow("viewed", "sku", id, null, null, at)
                : event.weight() == 3 ? new RecommendationLedger.BehaviourRow("added_to_cart", "sku", id, null, null, at)
                : new RecommendationLedger.BehaviourRow("rated", "sku", id, null, 5, at);
    }

    /** Stores every interaction as a behaviour event, in chunks of one multi-row insert; answers the count. */
    private static int seed(DataSource data, List<PlantedBaskets.History> histories, Random random) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        for (PlantedBaskets.History history : histories) {
            UUID customer = customer(history.customer());
            for (Interaction event : history.events()) {
                RecommendationLedger.BehaviourRow row = row(event,
                        CUT.minus(Duration.ofMinutes(1 + random.nextInt(180 * 24 * 60))));
                rows.add(new Object[] {customer.toString(), row.type(), row.itemType(), row.itemId(),
                        row.rating() == null ? null : row.rating().shortValue(), Timestamp.from(row.occurredAt())});
            }
        }
        try (Connection connection = data.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO behaviour_events (customer_id, type, item_type, item_id, rating, occurred_at)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::smallint[], ?::timestamptz[])
                """)) {
            String[] types = {"text", "text", "text", "text", "int2", "timestamptz"};
            for (int from = 0; from < rows.size(); from += 20_000) {
                List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 20_000));
                for (int column = 0; column < types.length; column++) {
                    int c = column;
                    insert.setArray(column + 1, connection.createArrayOf(types[column],
                            chunk.stream().map(row -> row[c]).toArray()));
                }
                insert.executeUpdate();
            }
            try (Statement sql = connection.createStatement()) {
                sql.execute("ANALYZE behaviour_events");
            }
        }
        return rows.size();
    }

    /** The floor: every behaviour row read bare, then {@code rows} similarity-shaped rows inserted bare. */
    private static long floor(DataSource data, int rows) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = data.getConnection()) {
            connection.setAutoCommit(false);
            int read = 0;
            try (Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery(
                    "SELECT customer_id, type, item_type, item_id, rating, occurred_at FROM behaviour_events")) {
                while (result.next()) {
                    result.getString(1);
                    result.getString(4);
                    result.getTimestamp(6);
                    read++;
                }
            }
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE TEMP TABLE bench_similarities (LIKE item_similarities) ON COMMIT DROP");
            }
            Object[] items = new Object[rows];
            Object[] similar = new Object[rows];
            Object[] scores = new Object[rows];
            Object[] supports = new Object[rows];
            for (int i = 0; i < rows; i++) {
                items[i] = "sku:i" + i / 50;
                similar[i] = "sku:i" + i;
                scores[i] = 1.0 / (i + 1);
                supports[i] = 1 + i % 7;
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO bench_similarities (item_key, similar_key, score, support)
                    SELECT * FROM unnest(?::text[], ?::text[], ?::float8[], ?::int4[])
                    """)) {
                insert.setArray(1, connection.createArrayOf("text", items));
                insert.setArray(2, connection.createArrayOf("text", similar));
                insert.setArray(3, connection.createArrayOf("float8", scores));
                insert.setArray(4, connection.createArrayOf("int4", supports));
                insert.executeUpdate();
            }
            connection.commit();
            if (read == 0) {
                throw new IllegalStateException("the floor read no behaviour rows");
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long count(DataSource data, String table) throws Exception {
        try (Connection connection = data.getConnection(); Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Map<String, Double> similarities(DataSource data) throws Exception {
        Map<String, Double> rows = new HashMap<>();
        try (Connection connection = data.getConnection(); Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery("SELECT item_key, similar_key, score FROM item_similarities")) {
            while (result.next()) {
                rows.put(result.getString(1) + " ~ " + result.getString(2), result.getDouble(3));
            }
        }
        return rows;
    }

    /** The largest score difference between two models; infinite when they list different pairs. */
    private static double largestDifference(Map<String, Double> a, Map<String, Double> b) {
        if (!a.keySet().equals(b.keySet())) {
            return Double.POSITIVE_INFINITY;
        }
        double largest = 0;
        for (Map.Entry<String, Double> entry : a.entrySet()) {
            largest = Math.max(largest, Math.abs(entry.getValue() - b.get(entry.getKey())));
        }
        return largest;
    }
}
