package io.perennial.recommendation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model's tables (V34, V72) on the refresh's connection: the kept sums, the counted profiles, the changed
 * customers, and what requests read (neighbours, popularity). Whole columns go to {@code unnest} as arrays, in
 * chunks, one statement per chunk rather than one per row.
 */
final class RecommendationModelStore {

    /** Rows per statement: a chunk stays well inside the pool's socket timeout on a busy machine. */
    private static final int CHUNK = 20_000;

    private RecommendationModelStore() {
    }

    /** The model's state, locked until the refresh commits: two refreshes never interleave. */
    static RecommendationModelState lock(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT full_at, cut_at FROM recommendation_model FOR UPDATE")) {
            row.next();
            Timestamp fullAt = row.getTimestamp(1);
            Timestamp cutAt = row.getTimestamp(2);
            return new RecommendationModelState(fullAt == null ? null : fullAt.toInstant(),
                    cutAt == null ? null : cutAt.toInstant());
        }
    }

    static RecommendationModelState read(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT full_at, cut_at FROM recommendation_model")) {
            row.next();
            Timestamp fullAt = row.getTimestamp(1);
            Timestamp cutAt = row.getTimestamp(2);
            return new RecommendationModelState(fullAt == null ? null : fullAt.toInstant(),
                    cutAt == null ? null : cutAt.toInstant());
        }
    }

    static void save(Connection connection, Instant fullAt, Instant cutAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE recommendation_model SET full_at = ?, cut_at = ?")) {
            update.setTimestamp(1, Timestamp.from(fullAt));
            update.setTimestamp(2, Timestamp.from(cutAt));
            update.executeUpdate();
        }
    }

    /**
     * The customers marked changed, unmarked: those whose marks this statement sees. A mark committed after it stays
     * for the next refresh (its customer is then recomputed twice, which is harmless).
     */
    static Set<String> takeChanges(Connection connection) throws SQLException {
        Set<String> customers = new HashSet<>();
        try (Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("DELETE FROM recommendation_changes RETURNING customer_id")) {
            while (rows.next()) {
                customers.add(rows.getString(1));
            }
        }
        return customers;
    }

    static void markChanged(Connection connection, Collection<String> customers) throws SQLException {
        List<Object> ids = new ArrayList<>(customers);
        insert(connection, "INSERT INTO recommendation_changes (customer_id) SELECT * FROM unnest(?::uuid[])",
                new String[] {"text"}, List.of(ids));
    }

    /** Everything a full rebuild replaces. */
    static void clear(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            // DELETE, not TRUNCATE: requests keep reading the old model until the new one commits.
            for (String table : List.of("recommendation_profiles", "recommendation_items", "recommendation_pairs",
                    "item_similarities", "item_popularity")) {
                sql.execute("DELETE FROM " + table);
            }
        }
    }

    /** The kept sums of every item and pair. */
    static CoOccurrence loadSums(Connection connection) throws SQLException {
        CoOccurrence sums = new CoOccurrence();
        try (Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT item_key, norm, weight, customers FROM recommendation_items")) {
                while (rows.next()) {
                    sums.loadItem(rows.getString(1), rows.getDouble(2), rows.getDouble(3), rows.getInt(4));
                }
            }
            try (ResultSet rows = sql.executeQuery(
                    "SELECT item_key, other_key, dot, support FROM recommendation_pairs")) {
                while (rows.next()) {
                    sums.loadPair(rows.getString(1), rows.getString(2), rows.getDouble(3), rows.getInt(4));
                }
            }
        }
        return sums;
    }

    /** The counted profiles of {@code customers}, as {@link CoOccurrence#counted} orders them. */
    static Map<String, List<Map.Entry<String, Double>>> profiles(Connection connection, Collection<String> customers)
            throws SQLException {
        Map<String, Map<String, Double>> weights = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT customer_id, item_key, weight FROM recommendation_profiles WHERE customer_id = ANY(?::uuid[])")) {
            query.setArray(1, connection.createArrayOf("text", customers.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    weights.computeIfAbsent(rows.getString(1), key -> new HashMap<>())
                            .put(rows.getString(2), rows.getDouble(3));
                }
            }
        }
        Map<String, List<Map.Entry<String, Double>>> profiles = new HashMap<>();
        weights.forEach((customer, items) -> profiles.put(customer, CoOccurrence.counted(items, Integer.MAX_VALUE)));
        return profiles;
    }

    /** Replaces the stored profiles of {@code customers} by {@code profiles} (a customer without one keeps none). */
    static void replaceProfiles(Connection connection, Collection<String> customers,
                                Map<String, List<Map.Entry<String, Double>>> profiles) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM recommendation_profiles WHERE customer_id = ANY(?::uuid[])")) {
            delete.setArray(1, connection.createArrayOf("text", customers.toArray()));
            delete.executeUpdate();
        }
        List<Object> ids = new ArrayList<>();
        List<Object> items = new ArrayList<>();
        List<Object> weights = new ArrayList<>();
        profiles.forEach((customer, counted) -> counted.forEach(entry -> {
            ids.add(customer);
            items.add(entry.getKey());
            weights.add(entry.getValue());
        }));
        insert(connection, """
                INSERT INTO recommendation_profiles (customer_id, item_key, weight)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::float8[])
                """, new String[] {"text", "text", "float8"}, List.of(ids, items, weights));
    }

    /**
     * Writes the sums: all of them after a full rebuild ({@code all}, into emptied tables), else the changed items and
     * pairs only, an item or pair nobody counts any more deleted. Answers the pair rows written.
     */
    static int writeSums(Connection connection, CoOccurrence sums, boolean all) throws SQLException {
        List<Object> itemKeys = new ArrayList<>();
        List<Object> norms = new ArrayList<>();
        List<Object> weights = new ArrayList<>();
        List<Object> counts = new ArrayList<>();
        List<Object> goneItems = new ArrayList<>();
        for (String item : all ? sums.items().keySet() : sums.changedItems()) {
            CoOccurrence.ItemSums itemSums = sums.item(item);
            if (itemSums == null) {
                goneItems.add(item);
            } else {
                itemKeys.add(item);
                norms.add(itemSums.norm);
                weights.add(itemSums.weight);
                counts.add(itemSums.customers);
            }
        }
        List<Object> pairItems = new ArrayList<>();
        List<Object> pairOthers = new ArrayList<>();
        List<Object> dots = new ArrayList<>();
        List<Object> supports = new ArrayList<>();
        List<Object> goneItem = new ArrayList<>();
        List<Object> goneOther = new ArrayList<>();
        if (all) {
            sums.forEachPair((item, other, pair) -> {
                pairItems.add(item);
                pairOthers.add(other);
                dots.add(pair.dot);
                supports.add(pair.support);
            });
        } else {
            for (CoOccurrence.Pair pair : sums.changedPairs()) {
                CoOccurrence.PairSums pairSums = sums.pairOrNull(pair);
                if (pairSums == null) {
                    goneItem.add(pair.item());
                    goneOther.add(pair.other());
                } else {
                    pairItems.add(pair.item());
                    pairOthers.add(pair.other());
                    dots.add(pairSums.dot);
                    supports.add(pairSums.support);
                }
            }
        }
        insert(connection, """
                INSERT INTO recommendation_items (item_key, norm, weight, customers)
                SELECT * FROM unnest(?::text[], ?::float8[], ?::float8[], ?::int4[])
                ON CONFLICT (item_key) DO UPDATE
                    SET norm = excluded.norm, weight = excluded.weight, customers = excluded.customers
                """, new String[] {"text", "float8", "float8", "int4"}, List.of(itemKeys, norms, weights, counts));
        insert(connection, "DELETE FROM recommendation_items WHERE item_key = ANY(?::text[])",
                new String[] {"text"}, List.of(goneItems));
        insert(connection, """
                INSERT INTO recommendation_pairs (item_key, other_key, dot, support)
                SELECT * FROM unnest(?::text[], ?::text[], ?::float8[], ?::int4[])
                ON CONFLICT (item_key, other_key) DO UPDATE SET dot = excluded.dot, support = excluded.support
                """, new String[] {"text", "text", "float8", "int4"}, List.of(pairItems, pairOthers, dots, supports));
        insert(connection, """
                DELETE FROM recommendation_pairs
                WHERE (item_key, other_key) IN (SELECT * FROM unnest(?::text[], ?::text[]))
                """, new String[] {"text", "text"}, List.of(goneItem, goneOther));
        return pairItems.size() + goneItem.size();
    }

    /** Replaces the neighbours of each item in {@code lists} (an empty list removes the item's). Answers rows written. */
    static int replaceNeighbours(Connection connection, Map<String, List<ItemToItemModel.Neighbour>> lists)
            throws SQLException {
        insert(connection, "DELETE FROM item_similarities WHERE item_key = ANY(?::text[])", new String[] {"text"},
                List.of(new ArrayList<>(lists.keySet())));
        List<Object> items = new ArrayList<>();
        List<Object> similar = new ArrayList<>();
        List<Object> scores = new ArrayList<>();
        List<Object> supports = new ArrayList<>();
        lists.forEach((item, neighbours) -> neighbours.forEach(neighbour -> {
            items.add(item);
            similar.add(neighbour.item());
            scores.add(neighbour.score());
            supports.add(neighbour.support());
        }));
        insert(connection, """
                INSERT INTO item_similarities (item_key, similar_key, score, support)
                SELECT * FROM unnest(?::text[], ?::text[], ?::float8[], ?::int4[])
                """, new String[] {"text", "text", "float8", "int4"}, List.of(items, similar, scores, supports));
        return items.size();
    }

    /** Replaces the popularity: each item's summed weight, brought from the model's frame to the cut by {@code scale}. */
    static void replacePopularity(Connection connection, CoOccurrence sums, double scale) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM item_popularity");
        }
        List<Object> items = new ArrayList<>();
        List<Object> scores = new ArrayList<>();
        List<Object> customers = new ArrayList<>();
        sums.items().forEach((item, itemSums) -> {
            items.add(item);
            scores.add(itemSums.weight * scale);
            customers.add(itemSums.customers);
        });
        insert(connection, """
                INSERT INTO item_popularity (item_key, score, customers)
                SELECT * FROM unnest(?::text[], ?::float8[], ?::int4[])
                """, new String[] {"text", "float8", "int4"}, List.of(items, scores, customers));
    }

    /** Runs {@code sql} once per chunk of the parallel {@code columns}, each bound as an array of its type. */
    private static void insert(Connection connection, String sql, String[] types, List<List<Object>> columns)
            throws SQLException {
        int rows = columns.get(0).size();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int from = 0; from < rows; from += CHUNK) {
                int to = Math.min(rows, from + CHUNK);
                for (int column = 0; column < columns.size(); column++) {
                    Array array = connection.createArrayOf(types[column],
                            columns.get(column).subList(from, to).toArray());
                    statement.setArray(column + 1, array);
                }
                statement.executeUpdate();
            }
        }
    }
}
