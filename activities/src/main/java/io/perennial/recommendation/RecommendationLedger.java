package io.perennial.recommendation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The recommender's reads and writes. Hand-written JDBC: the batched insert and the model's replacement pass whole
 * columns as arrays to {@code unnest}, one statement per batch rather than one per row.
 */
@Singleton
public class RecommendationLedger {

    /**
     * Every signal, weighted (docs/analytics.md, "Recommendations"), decayed by its age at {@code now}: behaviour the
     * customers report, and what the ledger knows: subscriptions, renewals, cancellations, one-off orders and their
     * deliveries. Boxes are a plan's, so they are counted by the plan's subscription and renewals. A signal dated
     * after {@code now} (a client's clock ahead, or wall-clock rows against the embedded test clock) counts undecayed.
     */
    private static final String SIGNALS = """
            WITH signals (customer_id, item_key, weight, at) AS (
                SELECT customer_id, item_type || ':' || item_id,
                       CASE type WHEN 'viewed' THEN 1 WHEN 'added_to_cart' THEN 3 ELSE 2 * (rating - 3) END,
                       occurred_at
                FROM behaviour_events WHERE item_id IS NOT NULL
                UNION ALL
                SELECT customer_id, 'plan:' || plan_id, 5, created_at FROM subscriptions
                UNION ALL
                SELECT s.customer_id, 'plan:' || s.plan_id, 1, i.paid_at
                FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id
                WHERE i.status = 'PAID' AND i.period > 1
                UNION ALL
                SELECT customer_id, 'plan:' || plan_id, -3, canceled_at FROM subscriptions
                WHERE status = 'CANCELED' AND canceled_at IS NOT NULL
                UNION ALL
                SELECT o.customer_id, 'sku:' || (line ->> 'sku'),
                       CASE WHEN o.status = 'DELIVERED' THEN 6 ELSE 5 END, o.placed_at
                FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.lines) line
                WHERE o.subscription_id IS NULL AND o.charged_minor > 0
                  AND o.status NOT IN ('CANCELED', 'CANCELED_BACKORDER', 'FAILED')
            )
            SELECT customer_id, item_key,
                   SUM(weight * power(0.5, GREATEST(0, EXTRACT(EPOCH FROM (CAST(? AS timestamptz) - at)))
                       / (? * 86400.0))) AS weight
            FROM signals WHERE TRUE %s
            GROUP BY customer_id, item_key
            """;

    private static final String OWNED = """
            SELECT 'plan:' || plan_id FROM subscriptions WHERE customer_id = ? AND status <> 'CANCELED'
            UNION
            SELECT 'sku:' || (line ->> 'sku') FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.lines) line
            WHERE o.customer_id = ? AND o.subscription_id IS NULL
              AND o.status NOT IN ('CANCELED', 'CANCELED_BACKORDER', 'FAILED')
            """;

    private final TransactionOperations<Connection> transactions;

    public RecommendationLedger(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** One behaviour event as reported; {@code itemType}/{@code itemId} null for a search. */
    public record BehaviourRow(String type, @Nullable String itemType, @Nullable String itemId,
                               @Nullable String query, @Nullable Integer rating, Instant occurredAt) {
    }

    /** Stores a batch in one statement. */
    public int insertBehaviour(UUID customerId, List<BehaviourRow> rows) {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO behaviour_events (customer_id, type, item_type, item_id, query, rating, occurred_at)
                    SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::smallint[],
                        ?::timestamptz[])
                    """)) {
                insert.setObject(1, customerId);
                insert.setArray(2, connection.createArrayOf("text", column(rows, BehaviourRow::type)));
                insert.setArray(3, connection.createArrayOf("text", column(rows, BehaviourRow::itemType)));
                insert.setArray(4, connection.createArrayOf("text", column(rows, BehaviourRow::itemId)));
                insert.setArray(5, connection.createArrayOf("text", column(rows, BehaviourRow::query)));
                insert.setArray(6, connection.createArrayOf("int2", rows.stream()
                        .map(row -> row.rating() == null ? null : row.rating().shortValue()).toArray()));
                insert.setArray(7, connection.createArrayOf("timestamptz", rows.stream()
                        .map(row -> Timestamp.from(row.occurredAt())).toArray()));
                return insert.executeUpdate();
            }
        });
    }

    /** Every customer's decayed weight per item at {@code now}. */
    public List<Interaction> interactions(Instant now, double halfLifeDays) {
        return transactions.executeRead(status -> read(status.getConnection(), SIGNALS.formatted(""), now,
                halfLifeDays, null));
    }

    /** One customer's decayed weights at {@code now}: the profile a request is answered from. */
    public Map<String, Double> profile(UUID customerId, Instant now, double halfLifeDays) {
        Map<String, Double> profile = new HashMap<>();
        transactions.executeRead(status -> read(status.getConnection(), SIGNALS.formatted("AND customer_id = ?"), now,
                halfLifeDays, customerId)).forEach(row -> profile.put(row.item(), row.weight()));
        return profile;
    }

    /** What the customer has: plans subscribed to (not canceled) and SKUs ordered. */
    public Set<String> owned(UUID customerId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement(OWNED)) {
                query.setObject(1, customerId);
                query.setObject(2, customerId);
                Set<String> owned = new HashSet<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        owned.add(rows.getString(1));
                    }
                }
                return owned;
            }
        });
    }

    /** Replaces the model: every item's neighbours and the popularity, in one transaction. */
    public void replaceModel(ItemToItemModel model) {
        transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            try (PreparedStatement clear = connection.prepareStatement("DELETE FROM item_similarities");
                 PreparedStatement clearPopularity = connection.prepareStatement("DELETE FROM item_popularity")) {
                clear.executeUpdate();
                clearPopularity.executeUpdate();
            }
            List<String> items = new ArrayList<>();
            List<String> similar = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            List<Integer> supports = new ArrayList<>();
            model.neighbours().forEach((item, neighbours) -> neighbours.forEach(neighbour -> {
                items.add(item);
                similar.add(neighbour.item());
                scores.add(neighbour.score());
                supports.add(neighbour.support());
            }));
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO item_similarities (item_key, similar_key, score, support)
                    SELECT * FROM unnest(?::text[], ?::text[], ?::float8[], ?::int4[])
                    """)) {
                insert.setArray(1, connection.createArrayOf("text", items.toArray()));
                insert.setArray(2, connection.createArrayOf("text", similar.toArray()));
                insert.setArray(3, connection.createArrayOf("float8", scores.toArray()));
                insert.setArray(4, connection.createArrayOf("int4", supports.toArray()));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO item_popularity (item_key, score, customers)
                    SELECT key, score, 0 FROM unnest(?::text[], ?::float8[]) AS p (key, score)
                    """)) {
                List<Map.Entry<String, Double>> popular = new ArrayList<>(model.popularity().entrySet());
                insert.setArray(1, connection.createArrayOf("text", popular.stream().map(Map.Entry::getKey).toArray()));
                insert.setArray(2, connection.createArrayOf("float8",
                        popular.stream().map(Map.Entry::getValue).toArray()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The stored model's part a profile needs: the neighbours of its items and the {@code popular} most popular. */
    public ItemToItemModel model(Set<String> profileItems, int popular) {
        return transactions.executeRead(status -> {
            Map<String, List<ItemToItemModel.Neighbour>> neighbours = new HashMap<>();
            Map<String, Double> popularity = new HashMap<>();
            try (PreparedStatement query = status.getConnection().prepareStatement("""
                    SELECT item_key, similar_key, score, support FROM item_similarities WHERE item_key = ANY(?)
                    ORDER BY item_key, score DESC, similar_key
                    """)) {
                query.setArray(1, status.getConnection().createArrayOf("text", profileItems.toArray()));
                ResultSet rows = query.executeQuery();
                while (rows.next()) {
                    neighbours.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(
                            new ItemToItemModel.Neighbour(rows.getString(2), rows.getDouble(3), rows.getInt(4)));
                }
            }
            try (PreparedStatement query = status.getConnection().prepareStatement(
                    "SELECT item_key, score FROM item_popularity ORDER BY score DESC, item_key LIMIT ?")) {
                query.setInt(1, popular);
                ResultSet rows = query.executeQuery();
                while (rows.next()) {
                    popularity.put(rows.getString(1), rows.getDouble(2));
                }
            }
            return new ItemToItemModel(neighbours, popularity, 0);
        });
    }

    /** Display names of items (plans, SKUs, products), by item key; an unknown item is left out. */
    public Map<String, String> names(Set<String> itemKeys) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement("""
                    SELECT key, name FROM (
                        SELECT 'plan:' || id AS key, name FROM plans
                        UNION ALL SELECT 'sku:' || sku, name FROM skus
                        UNION ALL SELECT 'product:' || id, name FROM products) named
                    WHERE key = ANY(?)
                    """)) {
                query.setArray(1, status.getConnection().createArrayOf("text", itemKeys.toArray()));
                Map<String, String> names = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        names.put(rows.getString(1), rows.getString(2));
                    }
                }
                return names;
            }
        });
    }

    private static List<Interaction> read(Connection connection, String sql, Instant now, double halfLifeDays,
                                          @Nullable UUID customerId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            Timestamp at = Timestamp.from(now);
            query.setTimestamp(1, at);
            query.setDouble(2, halfLifeDays);
            if (customerId != null) {
                query.setObject(3, customerId);
            }
            List<Interaction> interactions = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    interactions.add(new Interaction(rows.getString(1), rows.getString(2), rows.getDouble(3)));
                }
            }
            return interactions;
        }
    }

    private static Object[] column(List<BehaviourRow> rows, java.util.function.Function<BehaviourRow, Object> field) {
        return rows.stream().map(field).toArray();
    }
}
