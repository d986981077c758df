package io.perennial.subscription;

import java.time.ZonedDateTime;

/**
 * Calendar units of a billing interval or a trial. SECOND, MINUTE and HOUR exist for demonstrations and for tests
 * against a real Temporal server, where time cannot be skipped; the catalog accepts them only when configured to.
 */
public enum IntervalUnit {
    DAY,
    WEEK,
    MONTH,
    YEAR,
    SECOND,
    MINUTE,
    HOUR;

    /** {@code at} plus {@code steps} of this unit, by the calendar (a month after 31 January is 28/29 February). */
    public ZonedDateTime plus(ZonedDateTime at, long steps) {
        return switch (this) {
            case DAY -> at.plusDays(steps);
            case WEEK -> at.plusWeeks(steps);
            case MONTH -> at.plusMonths(steps);
            case YEAR -> at.plusYears(steps);
            case SECOND -> at.plusSeconds(steps);
            case MINUTE -> at.plusMinutes(steps);
            case HOUR -> at.plusHours(steps);
        };
    }

    /** Shorter than a day: only for demonstrations and real-server tests. */
    public boolean subDay() {
        return this == SECOND || this == MINUTE || this == HOUR;
    }
}
