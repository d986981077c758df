package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.billing.Coupon;

import java.time.Instant;

@Serdeable
public record CouponView(String code, String name, @Nullable Integer percentOffBasisPoints,
                         @Nullable Long amountOffMinor, @Nullable String currency, String duration,
                         @Nullable Integer durationPeriods, @Nullable Integer maxRedemptions, int timesRedeemed,
                         @Nullable Instant expiresAt, boolean active) {

    static CouponView of(Coupon coupon) {
        return new CouponView(coupon.code(), coupon.name(), coupon.percentOffBp(), coupon.amountOffMinor(),
                coupon.currency(), coupon.duration().name(), coupon.durationPeriods(), coupon.maxRedemptions(),
                coupon.timesRedeemed(), coupon.expiresAt(), coupon.active());
    }
}
