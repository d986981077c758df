package io.perennial.analytics;

import io.perennial.analytics.AnalyticsLedger.CurrencyTotal;
import io.perennial.analytics.AnalyticsLedger.CustomerCurrency;
import io.perennial.analytics.SubscriptionHistory.Change;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DailyRollupTest {

    static final LocalDate DAY = LocalDate.parse("2027-02-15");
    static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID CY = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    static final UUID DEE = UUID.fromString("00000000-0000-0000-0000-00000000000d");

    static SubscriptionAtDay monthly(UUID customer, String status, String currency) {
        return new SubscriptionAtDay(customer, customer, status, 1299L, currency, null, null, "MONTH", 1, null, null,
                null, true);
    }

    static SubscriptionAtDay yearly(UUID customer) {
        return new SubscriptionAtDay(customer, customer, "ACTIVE", 12900L, "EUR", null, null, "YEAR", 1, null, null,
                null, true);
    }

    private static DailyRollup.Result roll(List<SubscriptionAtDay> before, List<SubscriptionAtDay> after,
                                           Set<CustomerCurrency> paidEarlier, List<Change> changes) {
        return DailyRollup.compute(new DailyRollup.Inputs(DAY, before, after, paidEarlier, changes,
                        List.of(new CurrencyTotal("EUR", 2, 2598)), List.of(new CurrencyTotal("EUR", 1, 1299))),
                "EUR", currency -> Optional.of(new ExchangeRates.Rate(currency, DAY.minusDays(1),
                        new BigDecimal("1.08000000"), "ecb")));
    }

    @Test
    void aDaysMovementsAddUpFromYesterdaysMrrToTodays() {
        // Ada trial → paid (new 1299), Bob monthly → yearly (contraction 224), Cy churned in dunning (1299), Dee
        // comes back after a pause (reactivated 1299).
        List<SubscriptionAtDay> before = List.of(monthly(ADA, "TRIALING", "EUR"), monthly(BOB, "ACTIVE", "EUR"),
                monthly(CY, "PAST_DUE", "EUR"), monthly(DEE, "PAUSED", "EUR"));
        List<SubscriptionAtDay> after = List.of(monthly(ADA, "ACTIVE", "EUR"), yearly(BOB),
                monthly(CY, "CANCELED", "EUR"), monthly(DEE, "ACTIVE", "EUR"));
        List<Change> changes = List.of(new Change(ADA, 3, "ACTIVE", null), new Change(CY, 9, "CANCELED",
                "payment_failed"), new Change(DEE, 4, "ACTIVE", null));

        DailyRollup.Result result = roll(before, after,
                Set.of(new CustomerCurrency(BOB, "EUR"), new CustomerCurrency(CY, "EUR"),
                        new CustomerCurrency(DEE, "EUR")), changes);

        assertThat(result.facts()).singleElement().satisfies(f -> {
            // 1299 + 1299 (Bob, Cy) yesterday = 2598; today 1299 + 1075 + 1299 = 3673.
            assertThat(f.mrrMinor()).isEqualTo(3673);
            assertThat(f.arrMinor()).isEqualTo(44076);
            assertThat(f.newMinor()).isEqualTo(1299);
            assertThat(f.reactivatedMinor()).isEqualTo(1299);
            assertThat(f.contractionMinor()).isEqualTo(224);
            assertThat(f.churnedMinor()).isEqualTo(1299);
            assertThat(f.expansionMinor()).isZero();
            assertThat(2598 + f.newMinor() + f.reactivatedMinor() + f.expansionMinor() - f.contractionMinor()
                    - f.churnedMinor()).isEqualTo(f.mrrMinor());
            assertThat(f.activeSubscribers()).isEqualTo(3);
            assertThat(f.trialsEnded()).isEqualTo(1);
            assertThat(f.trialConversions()).isEqualTo(1);
            assertThat(f.churnedCustomers()).isEqualTo(1);
            assertThat(f.lostInvoices()).isEqualTo(1);
            assertThat(f.failedCharges()).isEqualTo(2);
            assertThat(f.recoveredMinor()).isEqualTo(1299);
            assertThat(f.rate()).isEqualByComparingTo("1");
        });
        assertThat(result.cancellations()).containsExactly(
                new CancellationCount(DAY, "payment_failed", false, 1));
    }

    @Test
    void anotherCurrencyIsItsOwnRowWithTheRateOfTheDay() {
        DailyRollup.Result result = roll(List.of(), List.of(monthly(ADA, "ACTIVE", "USD"),
                monthly(BOB, "ACTIVE", "EUR")), Set.of(), List.of());

        assertThat(result.facts()).extracting(DailyFact::currency, DailyFact::mrrMinor, DailyFact::rate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EUR", 1299L, BigDecimal.ONE),
                        org.assertj.core.groups.Tuple.tuple("USD", 1299L, new BigDecimal("1.08000000")));
        assertThat(result.facts().get(1).rateDate()).isEqualTo(DAY.minusDays(1));
    }

    @Test
    void theSameInputsGiveTheSameRows() {
        List<SubscriptionAtDay> after = List.of(monthly(ADA, "ACTIVE", "EUR"), yearly(BOB));
        assertThat(roll(List.of(), after, Set.of(), List.of())).isEqualTo(roll(List.of(), after, Set.of(), List.of()));
    }
}
