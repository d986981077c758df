package io.perennial.recommendation;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the stored model to a cut (docs/analytics.md, "Recommendations"), in one transaction.
 *
 * <p>Full: every customer's signals are read and summed afresh; the cut becomes the model's frame. Incremental: the
 * customers marked changed since the last refresh (V72's triggers) and those who had signals after the last cut
 * are read again; each one's old counted profile is taken out of the kept sums and the new one added; only the items
 * whose sums changed, and the items paired with them, are ranked again. Weights are kept in the frame of the last
 * full rebuild: moving the cut multiplies every weight by the same factor, which changes neither which weights are
 * positive, nor a customer's heaviest items, nor any cosine; so the incremental model is the full one, up to the
 * rounding of the kept sums (well below the 12 decimals the scores are rounded to).
 */
@Singleton
public class RecommendationRefresh {

    /** What a refresh did; {@code pairsWritten} and {@code neighboursWritten} are rows of the kept sums and lists. */
    public record Refreshed(Instant asOf, RefreshKind kind, int recomputed, int pairsWritten, int neighboursWritten,
                            int items, int pairs, int customers) {
    }

    private final TransactionOperations<Connection> transactions;
    private final RecommendationLedger ledger;

    public RecommendationRefresh(TransactionOperations<Connection> transactions, RecommendationLedger ledger) {
        this.transactions = transactions;
        this.ledger = ledger;
    }

    public RecommendationModelState state() {
        return transactions.executeRead(status -> RecommendationModelStore.read(status.getConnection()));
    }

    /** Refreshes as {@code asked}; incrementally only when the model exists and its cut is not after {@code cut}. */
    public Refreshed refresh(Instant cut, RefreshKind asked) {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            RecommendationModelState model = RecommendationModelStore.lock(connection);
            boolean incremental = asked == RefreshKind.INCREMENTAL && model.fullAt() != null
                    && model.cutAt() != null && !cut.isBefore(model.cutAt());
            Instant frame = incremental ? model.fullAt() : cut;
            // Taken in both kinds: a full rebuild counts every change there is.
            Set<String> changed = RecommendationModelStore.takeChanges(connection);
            Set<String> unsettled = new HashSet<>();
            Recount recount = incremental ? recountChanged(connection, cut, frame, changed, unsettled)
                    : recountAll(connection, cut, unsettled);
            CoOccurrence sums = recount.sums();
            sums.dropEmpty();
            Map<String, List<ItemToItemModel.Neighbour>> lists = new HashMap<>();
            for (String item : incremental ? sums.itemsToRerank() : sums.items().keySet()) {
                lists.put(item, sums.neighbours(item, Recommendations.NEIGHBOURS));
            }
            RecommendationModelStore.replaceProfiles(connection, recount.customers(), recount.profiles());
            int pairsWritten = RecommendationModelStore.writeSums(connection, sums, !incremental);
            int neighboursWritten = RecommendationModelStore.replaceNeighbours(connection, lists);
            double toCut = Math.pow(2, -Duration.between(frame, cut).toSeconds()
                    / (Recommendations.HALF_LIFE_DAYS * 86400));
            RecommendationModelStore.replacePopularity(connection, sums, toCut);
            // Their weights move with the cut until it passes their signals: recomputed by the next refresh too.
            RecommendationModelStore.markChanged(connection, unsettled);
            RecommendationModelStore.save(connection, frame, cut);
            return new Refreshed(cut, incremental ? RefreshKind.INCREMENTAL : RefreshKind.FULL,
                    recount.customers().size(), pairsWritten, neighboursWritten,
                    count(connection, "SELECT count(DISTINCT item_key) FROM item_similarities"),
                    count(connection, "SELECT count(*) FROM item_similarities"),
                    count(connection, "SELECT count(DISTINCT customer_id) FROM recommendation_profiles"));
        });
    }

    /** The sums after a recount, the {@code customers} read again and their counted {@code profiles}. */
    private record Recount(CoOccurrence sums, Set<String> customers,
                           Map<String, List<Map.Entry<String, Double>>> profiles) {
    }

    /** Everyone's signals summed afresh into emptied tables, in the cut's frame. */
    private Recount recountAll(Connection connection, Instant cut, Set<String> unsettled) throws SQLException {
        RecommendationModelStore.clear(connection);
        CoOccurrence sums = new CoOccurrence();
        Map<String, List<Map.Entry<String, Double>>> profiles = counted(ledger.signals(connection, cut, cut,
                Recommendations.HALF_LIFE_DAYS, null, unsettled));
        profiles.values().forEach(profile -> sums.add(profile, 1));
        return new Recount(sums, profiles.keySet(), profiles);
    }

    /** The kept sums, each changed customer's old counted weights taken out and the new ones added. */
    private Recount recountChanged(Connection connection, Instant cut, Instant frame, Set<String> changed,
                                   Set<String> unsettled) throws SQLException {
        CoOccurrence sums = RecommendationModelStore.loadSums(connection);
        Map<String, List<Map.Entry<String, Double>>> profiles = counted(ledger.signals(connection, cut, frame,
                Recommendations.HALF_LIFE_DAYS, changed, unsettled));
        Map<String, List<Map.Entry<String, Double>>> before = RecommendationModelStore.profiles(connection, changed);
        for (String customer : changed) {
            List<Map.Entry<String, Double>> old = before.getOrDefault(customer, List.of());
            List<Map.Entry<String, Double>> now = profiles.getOrDefault(customer, List.of());
            // Marked but the same (a subscription paused): its items need no new ranking.
            if (!old.equals(now)) {
                sums.add(old, -1);
                sums.add(now, 1);
            }
        }
        return new Recount(sums, changed, profiles);
    }

    /** Each customer's counted profile (positive weights, the heaviest {@link Recommendations#ITEMS_PER_CUSTOMER}). */
    private static Map<String, List<Map.Entry<String, Double>>> counted(List<Interaction> interactions) {
        Map<String, List<Map.Entry<String, Double>>> counted = new HashMap<>();
        ItemToItemModel.profiles(interactions).forEach((customer, profile) -> counted.put(customer,
                CoOccurrence.counted(profile.weights(), Recommendations.ITEMS_PER_CUSTOMER)));
        return counted;
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }
}
