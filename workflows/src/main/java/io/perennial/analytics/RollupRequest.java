package io.perennial.analytics;

import java.time.LocalDate;

/**
 * Which days to roll up (UTC, both inclusive). A Schedule's run gives no dates: it rolls up yesterday (now complete)
 * and today so far, by the workflow's clock.
 *
 * @param trigger who asked: {@code schedule} or {@code ops:{userId}}
 */
public record RollupRequest(LocalDate from, LocalDate to, String trigger) {

    /** The most days one request may cover: a backfill of a year at a time. */
    public static final int MAX_DAYS = 366;

    public static RollupRequest scheduled() {
        return new RollupRequest(null, null, "schedule");
    }
}
