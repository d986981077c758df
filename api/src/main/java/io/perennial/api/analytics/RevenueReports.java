package io.perennial.api.analytics;

import io.micronaut.context.annotation.Value;
import io.perennial.analytics.AnalyticsFacts;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The revenue reports over a range of days, read from the daily facts: what {@code /v1/admin/analytics} answers and
 * what the console's dashboard draws, so both show the same figures.
 */
@Singleton
public class RevenueReports {

    private final AnalyticsFacts facts;
    private final String reportingCurrency;

    public RevenueReports(AnalyticsFacts facts,
                          @Value("${perennial.analytics.reporting-currency:EUR}") String reportingCurrency) {
        this.facts = facts;
        this.reportingCurrency = reportingCurrency;
    }

    /** The report of [from, to] (it reads the day before {@code from} too, for the start of each movement). */
    public AnalyticsReport of(LocalDate from, LocalDate to) {
        return new AnalyticsReport(facts.daily(from.minusDays(1), to), facts.cancellations(from, to),
                reportingCurrency);
    }

    /** Months from the one of {@code from} to the one of {@code to}, each cut to the range. */
    public List<ReportingPeriod> months(LocalDate from, LocalDate to) {
        return ReportingPeriod.covering(from, to, ReportingPeriod.Interval.MONTH);
    }

    /** The last day the roll-up has written. */
    public Optional<LocalDate> latestDay() {
        return facts.latestDay();
    }

    public String reportingCurrency() {
        return reportingCurrency;
    }
}
