package io.perennial.billing;

import io.perennial.subscription.BillingPeriod;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * Time-based proration, exact to the minor unit: the share of a period's price for the seconds from a moment to
 * the end of the period, rounded half up. Pure, so workflow code and the API compute the same numbers.
 */
public final class Proration {
    private Proration() {
    }

    /** The part of {@code amountMinor} that pays for [{@code from}, period end); 0 once the period is over. */
    public static long unusedShare(long amountMinor, BillingPeriod period, Instant from) {
        long total = Duration.between(period.start(), period.end()).toSeconds();
        Instant clamped = from.isBefore(period.start()) ? period.start() : from;
        long remaining = Math.max(0, Duration.between(clamped, period.end()).toSeconds());
        if (total <= 0 || remaining == 0) {
            return 0;
        }
        return BigDecimal.valueOf(amountMinor)
                .multiply(BigDecimal.valueOf(remaining))
                .divide(BigDecimal.valueOf(total), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
