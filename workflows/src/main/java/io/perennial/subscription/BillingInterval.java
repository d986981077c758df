package io.perennial.subscription;

/** "Every {@code count} {@code unit}s", for example every 3 months. */
public record BillingInterval(IntervalUnit unit, int count) {
    public BillingInterval {
        if (unit == null) {
            throw new IllegalArgumentException("interval unit is required");
        }
        if (count < 1) {
            throw new IllegalArgumentException("interval count must be at least 1, was " + count);
        }
    }

    public static BillingInterval monthly() {
        return new BillingInterval(IntervalUnit.MONTH, 1);
    }

    public static BillingInterval yearly() {
        return new BillingInterval(IntervalUnit.YEAR, 1);
    }
}
