package io.perennial.analytics;

import java.time.LocalDate;

/** One day to roll up, replacing whatever rows it had. */
public record RollupDay(LocalDate day) {
}
