package io.perennial.analytics;

import java.time.LocalDate;

/** What rolling up one day wrote: a row per currency and a row per cancellation reason. */
public record DayRolledUp(LocalDate day, int currencies, int cancellationReasons) {
}
