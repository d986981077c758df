package io.perennial.datalake;

import java.time.LocalDate;

/** What a run wrote: the days from and to (inclusive) and their rows. */
public record DataLakeExported(LocalDate from, LocalDate to, long rows) {
}
