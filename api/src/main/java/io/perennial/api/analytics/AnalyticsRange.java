package io.perennial.api.analytics;

import io.perennial.api.problem.ApiProblems;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The {@code from}, {@code to} and {@code interval} of a report or a backfill, checked: ISO dates, from not after to,
 * at most {@code maxDays} days. Anything else is a 400 validation problem naming the parameter.
 */
record AnalyticsRange(LocalDate from, LocalDate to, ReportingPeriod.Interval interval) {

    /** Reports read at most ten years of days. */
    static final int MAX_REPORT_DAYS = 3660;

    static AnalyticsRange of(String from, String to, String interval, int maxDays) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw ApiProblems.invalidField("to", "to (" + last + ") is before from (" + first + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > maxDays) {
            throw ApiProblems.invalidField("to", "A range covers at most " + maxDays + " days");
        }
        ReportingPeriod.Interval parsed;
        try {
            parsed = ReportingPeriod.Interval.valueOf((interval == null ? "day" : interval).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblems.invalidField("interval", "interval is day or month, not " + interval);
        }
        return new AnalyticsRange(first, last, parsed);
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblems.invalidField(name, name + " is required, an ISO date such as 2027-01-31");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblems.invalidField(name, name + " is not an ISO date such as 2027-01-31: " + value);
        }
    }

    List<ReportingPeriod> periods() {
        return ReportingPeriod.covering(from, to, interval);
    }
}
