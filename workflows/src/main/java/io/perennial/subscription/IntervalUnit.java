package io.perennial.subscription;

public enum IntervalUnit {
    DAY,
    WEEK,
    MONTH,
    YEAR
}
