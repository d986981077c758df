package io.perennial.api.portal;

import io.perennial.api.subscription.SubscriptionView;
import io.perennial.billing.Coupon;
import io.perennial.billing.CouponRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * The coupon a subscriber about to cancel is offered instead ({@code perennial.portal.retention-coupon}), when it
 * could apply: configured, active, not used up or expired, in the subscription's currency if it is an amount off,
 * and the subscription carries no coupon yet (the workflow keeps one at a time). Accepting applies it through the
 * API's own coupon Update, which checks all of this again against the live subscription.
 */
@Singleton
public class RetentionOffer {

    private final PortalConfiguration configuration;
    private final CouponRepository coupons;

    public RetentionOffer(PortalConfiguration configuration, CouponRepository coupons) {
        this.configuration = configuration;
        this.coupons = coupons;
    }

    /** Whether a retention coupon is configured at all (if not, cancelling needs no look at the subscription). */
    public boolean configured() {
        return configuration.retentionCoupon() != null && !configuration.retentionCoupon().isBlank();
    }

    public Optional<Coupon> offerFor(SubscriptionView subscription) {
        String code = configuration.retentionCoupon();
        if (!configured() || subscription.couponCode() != null
                || "CANCELED".equals(subscription.status()) || subscription.cancelAtPeriodEnd()) {
            return Optional.empty();
        }
        return coupons.findByCode(Coupon.normalize(code))
                .filter(coupon -> coupon.active() && !coupon.usedUp() && !coupon.expiredAt(Instant.now()))
                .filter(coupon -> coupon.currency() == null || coupon.currency().equals(subscription.currency()));
    }
}
