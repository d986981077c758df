package io.perennial.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A redeemed coupon as the subscription applies it: either a percentage off (in basis points, 2500 = 25%) or a
 * fixed amount off in minor units of {@code currency}, for {@code durationPeriods} periods when REPEATING.
 */
public record CouponTerms(String code, int percentOffBasisPoints, long amountOffMinor, String currency,
                          CouponDuration duration, int durationPeriods) {
    public CouponTerms {
        if ((percentOffBasisPoints > 0) == (amountOffMinor > 0)) {
            throw new IllegalArgumentException("a coupon is either a percentage or an amount off");
        }
        if (percentOffBasisPoints < 0 || percentOffBasisPoints > 10_000) {
            throw new IllegalArgumentException("percent off is 1 to 10000 basis points");
        }
        if (amountOffMinor > 0 && (currency == null || currency.length() != 3)) {
            throw new IllegalArgumentException("an amount off needs its ISO 4217 currency");
        }
        if (duration == CouponDuration.REPEATING && durationPeriods < 1) {
            throw new IllegalArgumentException("a repeating coupon lasts at least one period");
        }
    }

    /**
     * The discount on a subtotal, never more than the subtotal. Percentages round half up to the minor unit:
     * 15% of 1299 is 194.85, so 195 off.
     */
    public long discountOn(long subtotalMinor) {
        if (subtotalMinor <= 0) {
            return 0;
        }
        long off = percentOffBasisPoints > 0
                ? BigDecimal.valueOf(subtotalMinor).multiply(BigDecimal.valueOf(percentOffBasisPoints))
                        .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP).longValueExact()
                : amountOffMinor;
        return Math.min(off, subtotalMinor);
    }

    /** How many invoices it discounts, or -1 for as long as the subscription lives. */
    public int invoices() {
        return switch (duration) {
            case ONCE -> 1;
            case REPEATING -> durationPeriods;
            case FOREVER -> -1;
        };
    }
}
