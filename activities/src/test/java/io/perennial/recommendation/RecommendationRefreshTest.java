package io.perennial.recommendation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An incremental refresh stores the model a full rebuild stores on the same data (PostgreSQL), reading only the
 * customers whose signals changed. Scores are compared to 1e-9 (both are rounded to 12 decimals; the kept sums differ
 * from fresh ones in their last bits); supports, being counts, exactly.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationRefreshTest implements TestPropertyProvider {

    /** Each test's clock starts a year after the previous one's, so every signal earlier tests wrote is settled. */
    private static Instant nextYear = Instant.parse("2031-01-01T00:00:00Z");

    @Inject
    RecommendationRefresh refresh;
    @Inject
    RecommendationLedger ledger;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    private static synchronized Instant year() {
        Instant start = nextYear;
        nextYear = nextYear.plus(Duration.ofDays(366));
        return start;
    }

    /** Between 6 and 14 events on 12 items, over the 200 days before {@code now}. */
    private void shop(UUID customer, Instant now, Random random) {
        List<RecommendationLedger.BehaviourRow> rows = new ArrayList<>();
        int count = 6 + random.nextInt(9);
        for (int i = 0; i < count; i++) {
            String item = "reco" + (random.nextInt(3) == 0 ? random.nextInt(12) : random.nextInt(4));
            Instant at = now.minus(Duration.ofMinutes(1 + random.nextInt(200 * 24 * 60)));
            double roll = random.nextDouble();
            rows.add(roll < 0.6 ? event("viewed", item, null, at) : roll < 0.85 ? event("added_to_cart", item, null, at)
                    : event("rated", item, 1 + random.nextInt(5), at));
        }
        ledger.insertBehaviour(customer, rows);
    }

    private static RecommendationLedger.BehaviourRow event(String type, String item, Integer rating, Instant at) {
        return new RecommendationLedger.BehaviourRow(type, "sku", item, null, rating, at);
    }

    private record Similar(double score, int support) {
    }

    private Map<String, Similar> similarities() {
        return transactions.executeRead(status -> {
            Map<String, Similar> rows = new HashMap<>();
            try (PreparedStatement query = status.getConnection().prepareStatement(
                    "SELECT item_key, similar_key, score, support FROM item_similarities");
                 ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1) + " ~ " + result.getString(2),
                            new Similar(result.getDouble(3), result.getInt(4)));
                }
            }
            return rows;
        });
    }

    private Map<String, Double> popularity() {
        return transactions.executeRead(status -> {
            Map<String, Double> rows = new HashMap<>();
            try (PreparedStatement query = status.getConnection().prepareStatement(
                    "SELECT item_key, score FROM item_popularity");
                 ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getDouble(2));
                }
            }
            return rows;
        });
    }

    private void erase(UUID customer) {
        transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection().prepareStatement(
                    "DELETE FROM behaviour_events WHERE customer_id = ?")) {
                delete.setObject(1, customer);
                return delete.executeUpdate();
            }
        });
    }

    private static void assertSameModel(Map<String, Similar> incremental, Map<String, Similar> full) {
        assertThat(incremental).isNotEmpty().containsOnlyKeys(full.keySet());
        full.forEach((pair, expected) -> {
            assertThat(incremental.get(pair).support()).as(pair).isEqualTo(expected.support());
            assertThat(incremental.get(pair).score()).as(pair).isCloseTo(expected.score(), within(1e-9));
        });
    }

    private static void assertSamePopularity(Map<String, Double> incremental, Map<String, Double> full) {
        assertThat(incremental).containsOnlyKeys(full.keySet());
        full.forEach((item, expected) -> assertThat(incremental.get(item)).as(item)
                .isCloseTo(expected, within(1e-9 * Math.abs(expected))));
    }

    @Test
    void anIncrementalRefreshAfterNewEventsStoresWhatAFullRebuildStoresReadingOnlyTheChangedCustomers() {
        Instant first = year();
        Random random = new Random(11);
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            customers.add(UUID.randomUUID());
            shop(customers.get(i), first, random);
        }
        RecommendationRefresh.Refreshed built = refresh.refresh(first, RefreshKind.FULL);

        Instant later = first.plus(Duration.ofDays(2));
        shop(customers.get(3), later, random);
        shop(customers.get(17), later, random);
        // A one-star rating takes an item out of a customer's profile (the sum turns negative).
        ledger.insertBehaviour(customers.get(25), List.of(event("rated", "reco0", 1, later.minusSeconds(60)),
                event("rated", "reco0", 1, later.minusSeconds(50)), event("rated", "reco1", 1, later.minusSeconds(40))));
        shop(UUID.randomUUID(), later, random);
        erase(customers.get(30));
        RecommendationRefresh.Refreshed incremental = refresh.refresh(later, RefreshKind.INCREMENTAL);
        Map<String, Similar> kept = similarities();
        Map<String, Double> keptPopularity = popularity();
        RecommendationRefresh.Refreshed full = refresh.refresh(later, RefreshKind.FULL);

        assertThat(built.kind()).isEqualTo(RefreshKind.FULL);
        assertThat(incremental.kind()).isEqualTo(RefreshKind.INCREMENTAL);
        assertThat(incremental.recomputed()).as("three shoppers, a newcomer, an erased customer").isEqualTo(5);
        assertThat(full.recomputed()).isGreaterThanOrEqualTo(40);
        assertThat(incremental.pairsWritten()).isPositive().isLessThan(full.pairsWritten());
        assertSameModel(kept, similarities());
        assertSamePopularity(keptPopularity, popularity());
        assertThat(incremental.pairs()).isEqualTo(full.pairs());
        assertThat(incremental.customers()).isEqualTo(full.customers());
    }

    @Test
    void aCustomerWithASignalAfterTheCutIsRecomputedOnceTheCutHasPassedIt() {
        Instant first = year();
        Random random = new Random(12);
        for (int i = 0; i < 20; i++) {
            shop(UUID.randomUUID(), first, random);
        }
        UUID ahead = UUID.randomUUID();
        // The customer's device clock is a day ahead: the event counts undecayed until the cut passes it.
        ledger.insertBehaviour(ahead, List.of(event("added_to_cart", "reco2", null, first.plus(Duration.ofDays(1))),
                event("viewed", "reco5", null, first.minus(Duration.ofDays(30)))));
        refresh.refresh(first, RefreshKind.FULL);

        Instant later = first.plus(Duration.ofDays(3));
        RecommendationRefresh.Refreshed incremental = refresh.refresh(later, RefreshKind.INCREMENTAL);
        Map<String, Similar> kept = similarities();
        Map<String, Double> keptPopularity = popularity();
        refresh.refresh(later, RefreshKind.FULL);

        assertThat(incremental.kind()).isEqualTo(RefreshKind.INCREMENTAL);
        assertThat(incremental.recomputed()).isEqualTo(1);
        assertSameModel(kept, similarities());
        assertSamePopularity(keptPopularity, popularity());
    }

    @Test
    void anIncrementalRefreshAtACutBeforeTheModelsIsDoneInFull() {
        Instant first = year();
        shop(UUID.randomUUID(), first, new Random(13));
        refresh.refresh(first, RefreshKind.FULL);

        RecommendationRefresh.Refreshed earlier = refresh.refresh(first.minusSeconds(3600), RefreshKind.INCREMENTAL);

        assertThat(earlier.kind()).isEqualTo(RefreshKind.FULL);
        assertThat(refresh.state()).isEqualTo(new RecommendationModelState(first.minusSeconds(3600),
                first.minusSeconds(3600)));
    }
}
