package io.perennial.billing;

import io.micronaut.transaction.annotation.Transactional;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Redeems coupons, once per redemption key, never beyond a coupon's maximum. One transaction per redemption. */
@Singleton
public class CouponRedeemer {

    private final CouponRepository coupons;
    private final CouponRedemptionRepository redemptions;

    public CouponRedeemer(CouponRepository coupons, CouponRedemptionRepository redemptions) {
        this.coupons = coupons;
        this.redemptions = redemptions;
    }

    /**
     * Returns the coupon's terms, counting the redemption unless its key was redeemed before. A rejection rolls
     * back the redemption row and is a non-retryable {@link BillingFailures#COUPON_REJECTED}.
     */
    @Transactional
    public CouponTerms redeem(CouponRedemption redemption) {
        Optional<CouponRedemptionRecord> earlier = redemptions.findByRedemptionKey(redemption.redemptionKey());
        if (earlier.isPresent()) {
            return coupons.findById(earlier.get().code()).orElseThrow().terms(redemption.currency());
        }
        String code = Coupon.normalize(redemption.code());
        Coupon coupon = coupons.findByCode(code).orElseThrow(() -> rejected(
                "The coupon code " + code + " does not exist."));
        if (coupon.amountOffMinor() != null && !coupon.currency().equals(redemption.currency())) {
            throw rejected("The coupon " + code + " applies to prices in " + coupon.currency() + " only.");
        }
        int recorded = redemptions.insertOnce(UUID.randomUUID(), redemption.redemptionKey(), coupon.code(),
                UUID.fromString(redemption.subscriptionId()), UUID.fromString(redemption.customerId()),
                redemption.businessTime());
        if (recorded == 0) {
            // Redeemed concurrently under the same key: the other transaction counted it.
            return coupon.terms(redemption.currency());
        }
        if (coupons.countRedemption(coupon.code(), redemption.businessTime()) == 0) {
            Coupon now = coupons.findById(coupon.code()).orElseThrow();
            if (!now.active()) {
                throw rejected("The coupon " + code + " is no longer valid.");
            }
            if (now.expiredAt(redemption.businessTime())) {
                throw rejected("The coupon " + code + " expired on "
                        + now.expiresAt().atZone(ZoneOffset.UTC).toLocalDate() + ".");
            }
            throw rejected("The coupon " + code + " has been redeemed the maximum number of times.");
        }
        return coupon.terms(redemption.currency());
    }

    private static ApplicationFailure rejected(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, BillingFailures.COUPON_REJECTED);
    }
}
