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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The recommender's reads of behaviour and the ledger, and the behaviour batches' insert (the model's own tables are
 * {@link RecommendationModelStore}'s). Hand-written JDBC: the batched insert passes whole columns as arrays to
 * {@code unnest}, one statement per batch rather than one per row.
 */
@Singleton
public class RecommendationLedger {

    /**
     * Every signal, weighted (docs/analytics.md, "Recommendations"), decayed from its time to the frame's
     * ({@code 2^((at - frame) / half-life)}; a refresh's frame is its last full rebuild, a request's is now): behaviour
     * the customers report, and what the ledger knows: subscriptions, renewals, cancellations, one-off orders and
     * their deliveries. Boxes are a plan's, so they are counted by the plan's subscription and renewals. A signal
     * dated after the cut (a client's clock ahead, or wall-clock rows against the embedded test clock) counts as of
     * the cut, and makes its customer {@code unsettled}: their weights move with the next cut.
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
            -- Summed as numeric, whose addition is exact: the same rows give the same weight in any order the plan reads.
            SELECT customer_id, item_key,
                   SUM((weight * power(2::float8, EXTRACT(EPOCH FROM (LEAST(at, CAST(? AS timestamptz))
                       - CAST(? AS timestamptz)))::float8 / (? * 86400.0)))::numeric)::float8 AS weight,
                   max(at) > CAST(? AS timestamptz) AS unsettled
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

    /**
     * The weights per customer and item as of {@code cut}, in the frame of {@code frame}; of the {@code customers}
     * given, or of everyone when null. Adds the customers with signals after the cut to {@code unsettled}.
     */
    List<Interaction> signals(Connection connection, Instant cut, Instant frame, double halfLifeDays,
                              @Nullable Collection<String> customers, Set<String> unsettled) throws SQLException {
        String sql = SIGNALS.formatted(customers == null ? "" : "AND customer_id = ANY(CAST(? AS uuid[]))");
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setTimestamp(1, Timestamp.from(cut));
            query.setTimestamp(2, Timestamp.from(frame));
            query.setDouble(3, halfLifeDays);
            query.setTimestamp(4, Timestamp.from(cut));
            if (customers != null) {
                query.setArray(5, connection.createArrayOf("text", customers.toArray()));
            }
            List<Interaction> interactions = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    interactions.add(new Interaction(rows.getString(1), rows.getString(2), rows.getDouble(3)));
                    if (rows.getBoolean(4)) {
                        unsettled.add(rows.getString(1));
                    }
                }
            }
            return interactions;
        }
    }

    /** One customer's decayed weights at {@code now}: the profile a request is answered from. */
    public Map<String, Double> profile(UUID customerId, Instant now, double halfLifeDays) {
        Map<String, Double> profile = new HashMap<>();
        transactions.executeRead(status -> signals(status.getConnection(), now, now, halfLifeDays,
                List.of(customerId.toString()), new HashSet<>())).forEach(row -> profile.put(row.item(), row.weight()));
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

    private static Object[] column(List<BehaviourRow> rows, java.util.function.Function<BehaviourRow, Object> field) {
        return rows.stream().map(field).toArray();
    }
}
