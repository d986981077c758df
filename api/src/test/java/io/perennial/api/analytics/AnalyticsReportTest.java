package io.perennial.api.analytics;

import io.perennial.analytics.CancellationCount;
import io.perennial.analytics.DailyFact;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsReportTest {

    static DailyFact fact(String day, String currency, long mrr, int paying, long newMinor, long churned,
                          int churnedCustomers, BigDecimal rate) {
        return new DailyFact(LocalDate.parse(day), currency, mrr, paying, paying, 0, 0, 0, newMinor, 0, 0, 0,
                churned, 0, 0, churnedCustomers, 0, 0, 0, 0, 0, "EUR", rate, rate == null ? null
                : LocalDate.parse(day));
    }

    @Test
    void anAmountInAnotherCurrencyIsDividedByItsRateHalfEvenWithEachCurrencysMinorDigits() {
        // 1299 US cents at 1.0834 USD per EUR = 1199.003... → 1199 euro cents; 2500 cents at 2.00 = 1250 exactly;
        // 1 cent at 2.00 = 0.5 → 0 (HALF_EVEN); 1000 yen at 162.12 = 6.168 EUR = 616.83... → 617 euro cents.
        assertThat(DayTotal.convert(1299, "USD", "EUR", new BigDecimal("1.0834"))).isEqualTo(1199);
        assertThat(DayTotal.convert(2500, "USD", "EUR", new BigDecimal("2"))).isEqualTo(1250);
        assertThat(DayTotal.convert(1, "USD", "EUR", new BigDecimal("2"))).isZero();
        assertThat(DayTotal.convert(3, "USD", "EUR", new BigDecimal("2"))).isEqualTo(2);
        assertThat(DayTotal.convert(1000, "JPY", "EUR", new BigDecimal("162.12"))).isEqualTo(617);
    }

    @Test
    void aMonthsMovementsSumItsDaysAndItsMrrIsItsLastDays() {
        AnalyticsReport report = new AnalyticsReport(List.of(
                fact("2027-01-31", "EUR", 2000, 2, 0, 0, 0, BigDecimal.ONE),
                fact("2027-02-10", "EUR", 3299, 3, 1299, 0, 0, BigDecimal.ONE),
                fact("2027-02-20", "EUR", 2299, 2, 0, 1000, 1, BigDecimal.ONE),
                fact("2027-02-28", "EUR", 2299, 2, 0, 0, 0, BigDecimal.ONE),
                fact("2027-02-28", "USD", 1299, 1, 0, 0, 0, null)),
                List.of(new CancellationCount(LocalDate.parse("2027-02-20"), "payment_failed", false, 1)), "EUR");
        List<ReportingPeriod> february = ReportingPeriod.covering(LocalDate.parse("2027-02-01"),
                LocalDate.parse("2027-02-28"), ReportingPeriod.Interval.MONTH);

        assertThat(report.mrr(february)).singleElement().satisfies(row -> {
            assertThat(row.mrrMinor()).isEqualTo(2299);
            assertThat(row.arrMinor()).isEqualTo(27588);
            assertThat(row.unconvertedCurrencies()).isEqualTo("USD");
        });
        assertThat(report.movements(february)).singleElement().satisfies(row -> {
            assertThat(row.startMrrMinor()).isEqualTo(2000);
            assertThat(row.newMinor()).isEqualTo(1299);
            assertThat(row.churnedMinor()).isEqualTo(1000);
            assertThat(row.netMinor()).isEqualTo(299);
        });
        // Logo churn 1 / 2 = 5000 bp; revenue churn 1000 / 2000 = 5000 bp; NRR (2000 − 1000) / 2000 = 5000 bp.
        assertThat(report.churn(february)).singleElement().satisfies(row -> {
            assertThat(row.logoChurnBp()).isEqualTo(5000);
            assertThat(row.revenueChurnBp()).isEqualTo(5000);
            assertThat(row.netRevenueRetentionBp()).isEqualTo(5000);
            assertThat(row.involuntaryCancellations()).isEqualTo(1);
        });
    }

    @Test
    void aRateThatLeavesHalfABasisPointRoundsHalfUp() {
        // 1 / 3 = 3333.33 bp → 3333; 2 / 3 = 6666.67 → 6667; 1 / 8 = 1250; 1 / 20000 = 0.5 → 1; no whole → null.
        assertThat(DayTotal.basisPoints(1, 3)).isEqualTo(3333);
        assertThat(DayTotal.basisPoints(2, 3)).isEqualTo(6667);
        assertThat(DayTotal.basisPoints(1, 20_000)).isEqualTo(1);
        assertThat(DayTotal.basisPoints(1, 0)).isNull();
    }

    @Test
    void aMonthIntervalCutsTheFirstAndLastMonthsToTheRange() {
        assertThat(ReportingPeriod.covering(LocalDate.parse("2027-01-15"), LocalDate.parse("2027-03-10"),
                ReportingPeriod.Interval.MONTH)).containsExactly(
                new ReportingPeriod("2027-01", LocalDate.parse("2027-01-15"), LocalDate.parse("2027-01-31")),
                new ReportingPeriod("2027-02", LocalDate.parse("2027-02-01"), LocalDate.parse("2027-02-28")),
                new ReportingPeriod("2027-03", LocalDate.parse("2027-03-01"), LocalDate.parse("2027-03-10")));
    }
}
