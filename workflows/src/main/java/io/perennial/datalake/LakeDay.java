package io.perennial.datalake;

import java.time.LocalDate;

/** One UTC day to export. */
public record LakeDay(LocalDate day) {
}
