package io.perennial.analytics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roll-up on PostgreSQL: history rows in, fact rows out, the same rows however often a day is recomputed. The
 * days are in 2019, before anything other tests record, so the figures are this test's alone.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsRollupActivitiesImplTest implements TestPropertyProvider {

    @Inject
    AnalyticsRollupActivitiesImpl rollup;
    @Inject
    SubscriptionHistory history;
    @Inject
    AnalyticsFacts facts;
    @Inject
    ExchangeRates rates;
    @Inject
    AnalyticsLedger ledger;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    private void record(UUID subscription, long revision, String planId, String status, long amount, String currency,
                        String reason, String at) {
        history.append(subscription, revision, subscription, planId, 1, status, amount, currency, null, null, reason,
                Instant.parse(at));
    }

    @Test
    void recomputingADayReplacesItsRowsWithTheSameFigures() {
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID cy = UUID.randomUUID();
        record(ada, 1, "plan_digital_monthly", "TRIALING", 1299, "EUR", null, "2019-03-01T10:00:00Z");
        record(ada, 2, "plan_digital_monthly", "ACTIVE", 1299, "EUR", null, "2019-03-15T10:00:00Z");
        record(bob, 1, "plan_digital_monthly", "ACTIVE", 1299, "EUR", null, "2019-03-01T10:00:00Z");
        record(bob, 2, "plan_digital_yearly", "ACTIVE", 12900, "EUR", null, "2019-03-15T11:00:00Z");
        record(cy, 1, "plan_digital_monthly", "ACTIVE", 1299, "USD", null, "2019-03-01T10:00:00Z");
        record(cy, 2, "plan_digital_monthly", "CANCELED", 1299, "USD", "too_expensive", "2019-03-15T12:00:00Z");
        // Dee's first charge after her trial fails: past due, but never paid, so no MRR and no conversion.
        UUID dee = UUID.randomUUID();
        record(dee, 1, "plan_digital_monthly", "TRIALING", 1299, "EUR", null, "2019-03-01T10:00:00Z");
        record(dee, 2, "plan_digital_monthly", "PAST_DUE", 1299, "EUR", null, "2019-03-15T13:00:00Z");
        rates.put("USD", LocalDate.parse("2019-03-14"), new BigDecimal("1.1325"), "test");
        LocalDate day = LocalDate.parse("2019-03-15");

        DayRolledUp first = rollup.rollUpDay(new RollupDay(day));
        List<DailyFact> once = facts.daily(day, day);
        rollup.rollUpDay(new RollupDay(day));

        assertThat(first.currencies()).isEqualTo(2);
        assertThat(facts.daily(day, day)).isEqualTo(once);
        assertThat(once).extracting(DailyFact::currency).containsExactly("EUR", "USD");
        DailyFact euros = once.get(0);
        // Yesterday Bob's 1299; today Ada's 1299 (new, her trial converted) + Bob's 12900 / 12 = 1075.
        assertThat(euros.mrrMinor()).isEqualTo(2374);
        assertThat(euros.newMinor()).isEqualTo(1299);
        assertThat(euros.contractionMinor()).isEqualTo(224);
        assertThat(euros.trialConversions()).isEqualTo(1);
        assertThat(euros.trialsEnded()).isEqualTo(2);
        assertThat(euros.activeSubscribers()).isEqualTo(2);
        DailyFact dollars = once.get(1);
        assertThat(dollars.churnedMinor()).isEqualTo(1299);
        assertThat(dollars.rate()).isEqualByComparingTo("1.1325");
        assertThat(dollars.rateDate()).isEqualTo(LocalDate.parse("2019-03-14"));
        assertThat(facts.cancellations(day, day)).containsExactly(
                new CancellationCount(day, "too_expensive", true, 1));
    }

    @Test
    void theDaysEndStatesAreItsStartStatesWithTheDaysChangesLaidOverThem() {
        // In 2018, before anything else this class records: a trial converting, a cancel, a sign-up that day, a
        // subscriber changing twice in the day, one that does not change at all, and a change after the day.
        UUID converts = UUID.randomUUID();
        UUID cancels = UUID.randomUUID();
        UUID newcomer = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        UUID still = UUID.randomUUID();
        record(converts, 1, "plan_digital_monthly", "TRIALING", 1299, "EUR", null, "2018-05-01T09:00:00Z");
        record(converts, 2, "plan_digital_monthly", "ACTIVE", 1299, "EUR", null, "2018-05-15T09:00:00Z");
        record(cancels, 1, "plan_digital_monthly", "ACTIVE", 1299, "EUR", null, "2018-04-15T09:00:00Z");
        record(cancels, 2, "plan_digital_monthly", "CANCELED", 1299, "EUR", "too_expensive", "2018-05-15T10:00:00Z");
        record(newcomer, 1, "plan_digital_yearly", "ACTIVE", 12900, "EUR", null, "2018-05-15T11:00:00Z");
        record(twice, 1, "plan_digital_monthly", "ACTIVE", 1299, "EUR", null, "2018-04-20T09:00:00Z");
        record(twice, 2, "plan_digital_monthly", "PAST_DUE", 1299, "EUR", null, "2018-05-15T06:00:00Z");
        record(twice, 3, "plan_digital_monthly", "ACTIVE", 1299, "EUR", null, "2018-05-15T18:00:00Z");
        record(still, 1, "plan_digital_monthly", "ACTIVE", 1299, "EUR", null, "2018-05-02T09:00:00Z");
        record(converts, 3, "plan_digital_monthly", "ACTIVE", 1299, "EUR", null, "2018-06-15T09:00:00Z");
        Instant start = Instant.parse("2018-05-15T00:00:00Z");
        Instant end = Instant.parse("2018-05-16T00:00:00Z");

        List<SubscriptionAtDay> changed = ledger.statesChangedBetween(start, end);
        List<SubscriptionAtDay> overlaid = AnalyticsRollupActivitiesImpl.atEnd(ledger.statesAt(start), changed);

        assertThat(changed).extracting(SubscriptionAtDay::subscriptionId)
                .containsExactlyInAnyOrder(converts, cancels, newcomer, twice);
        assertThat(overlaid).containsExactlyInAnyOrderElementsOf(ledger.statesAt(end));
        assertThat(overlaid).filteredOn(state -> state.subscriptionId().equals(twice)).singleElement()
                .satisfies(state -> assertThat(state.status()).isEqualTo("ACTIVE"));
    }
}
