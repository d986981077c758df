package io.perennial.analytics;

import java.time.LocalDate;

/** The days a roll-up replaced, both inclusive. */
public record RollupResult(LocalDate from, LocalDate to, int days) {
}
