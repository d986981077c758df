package io.perennial.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The MRR of one subscription at the end of a day (docs/analytics.md): its price per period less a coupon that still
 * applies, normalised to a month with one HALF_UP division. Pure; no I/O.
 */
public final class MonthlyRecurringRevenue {

    /** Sub-day test intervals are normalised to a 30-day month. */
    static final long SECONDS_PER_MONTH = 30L * 24 * 60 * 60;

    private MonthlyRecurringRevenue() {
    }

    /** Minor units per month; 0 when the subscription does not pay (trial, pause, canceled) or has no price yet. */
    public static long of(SubscriptionAtDay s) {
        if (!s.paying() || s.amountMinor() == null || s.currency() == null) {
            return 0;
        }
        long price = s.amountMinor() - discount(s);
        return monthly(price, s.intervalUnit(), s.intervalCount());
    }

    /** What the coupon takes off one invoice: the invoices' own rule (percent HALF_UP, an amount at most the price). */
    static long discount(SubscriptionAtDay s) {
        long price = s.amountMinor();
        boolean applies = s.couponCode() != null && s.couponInvoicesLeft() != null && s.couponInvoicesLeft() != 0;
        if (!applies) {
            return 0;
        }
        if (s.percentOffBp() != null) {
            return BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(s.percentOffBp()))
                    .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP).longValueExact();
        }
        if (s.amountOffMinor() != null && s.currency().equals(s.couponCurrency())) {
            return Math.min(s.amountOffMinor(), price);
        }
        return 0;
    }

    /** A price per {@code count} × {@code unit} as a price per month, HALF_UP. */
    static long monthly(long pricePerPeriod, String unit, int count) {
        BigDecimal price = BigDecimal.valueOf(pricePerPeriod);
        BigDecimal numerator;
        BigDecimal denominator;
        switch (unit) {
            case "MONTH" -> {
                numerator = price;
                denominator = BigDecimal.valueOf(count);
            }
            case "YEAR" -> {
                numerator = price;
                denominator = BigDecimal.valueOf(12L * count);
            }
            case "WEEK" -> {
                numerator = price.multiply(BigDecimal.valueOf(52));
                denominator = BigDecimal.valueOf(12L * count);
            }
            case "DAY" -> {
                numerator = price.multiply(BigDecimal.valueOf(365));
                denominator = BigDecimal.valueOf(12L * count);
            }
            default -> {
                numerator = price.multiply(BigDecimal.valueOf(SECONDS_PER_MONTH));
                denominator = BigDecimal.valueOf(secondsOf(unit) * count);
            }
        }
        return numerator.divide(denominator, 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long secondsOf(String unit) {
        return switch (unit) {
            case "HOUR" -> 3600;
            case "MINUTE" -> 60;
            case "SECOND" -> 1;
            default -> throw new IllegalArgumentException("Unknown interval unit " + unit);
        };
    }
}
