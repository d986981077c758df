package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Locale;

/**
 * A coupon or promotion code: a percentage off (basis points, 2500 = 25%) or an amount off in minor units of
 * {@code currency}, for one invoice, {@code durationPeriods} periods, or forever. Codes are upper case; the
 * constructor normalises them, and the table's constraints reject an inconsistent coupon.
 *
 * @param maxRedemptions  null for unlimited
 * @param expiresAt       no redemption at or after this business time; null for never
 */
@MappedEntity("coupons")
public record Coupon(@Id String code, String name, @Nullable Integer percentOffBp, @Nullable Long amountOffMinor,
                     @Nullable String currency, CouponDuration duration, @Nullable Integer durationPeriods,
                     @Nullable Integer maxRedemptions, int timesRedeemed, @Nullable Instant expiresAt,
                     boolean active, Instant createdAt) {

    public Coupon {
        code = normalize(code);
    }

    /** A new, active, never redeemed coupon. */
    public static Coupon create(String code, String name, @Nullable Integer percentOffBp,
                                @Nullable Long amountOffMinor, @Nullable String currency, CouponDuration duration,
                                @Nullable Integer durationPeriods, @Nullable Integer maxRedemptions,
                                @Nullable Instant expiresAt, Instant createdAt) {
        return new Coupon(code, name, percentOffBp, amountOffMinor, currency, duration, durationPeriods,
                maxRedemptions, 0, expiresAt, true, createdAt);
    }

    /** How codes are stored and compared: trimmed, upper case. */
    public static String normalize(String code) {
        return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
    }

    public boolean expiredAt(Instant businessTime) {
        return expiresAt != null && !businessTime.isBefore(expiresAt);
    }

    public boolean usedUp() {
        return maxRedemptions != null && timesRedeemed >= maxRedemptions;
    }

    /** The terms a subscription redeeming it in {@code redemptionCurrency} applies. */
    public CouponTerms terms(String redemptionCurrency) {
        return new CouponTerms(code, percentOffBp == null ? 0 : percentOffBp,
                amountOffMinor == null ? 0 : amountOffMinor, currency == null ? redemptionCurrency : currency,
                duration, durationPeriods == null ? 0 : durationPeriods);
    }
}
