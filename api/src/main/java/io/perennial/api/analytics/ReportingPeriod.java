package io.perennial.api.analytics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a report: a day, or the part of a month inside the requested range.
 *
 * @param label {@code 2027-03-15} for a day, {@code 2027-03} for a month
 */
public record ReportingPeriod(String label, LocalDate first, LocalDate last) {

    public enum Interval { DAY, MONTH }

    /** The periods that cover [from, to], in order. */
    public static List<ReportingPeriod> covering(LocalDate from, LocalDate to, Interval interval) {
        List<ReportingPeriod> periods = new ArrayList<>();
        if (interval == Interval.DAY) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                periods.add(new ReportingPeriod(day.toString(), day, day));
            }
            return periods;
        }
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            LocalDate first = month.atDay(1).isBefore(from) ? from : month.atDay(1);
            LocalDate last = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
            periods.add(new ReportingPeriod(month.toString(), first, last));
        }
        return periods;
    }
}
