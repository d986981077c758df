package io.perennial.datalake;

import java.time.LocalDate;

/** A day written: the rows of all its tables. */
public record LakeDayExported(LocalDate day, long rows) {
}
