package io.perennial.api.subscription;

import io.perennial.api.problem.ApiProblems;
import io.perennial.billing.BillingFailures;
import io.perennial.billing.CouponRedeemer;
import io.perennial.billing.CouponRedemption;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.UUID;

/**
 * Redeems a sign-up coupon before the subscription's workflow starts, under the key the workflow redeems it with
 * ({@code {subscriptionId}:coupon:{CODE}}), so the workflow's own redemption finds it done. Customers racing for a
 * coupon's last redemption: the conditional UPDATE lets exactly as many through as the coupon allows, and the others
 * get a 409 before anything starts. Checked only in the workflow, they were charged full price without a word.
 * <p>
 * A redemption whose workflow then fails to start is kept (a retry with the same Idempotency-Key reuses it): giving
 * it back while the start's outcome is unknown could let a started workflow lose its coupon silently.
 */
@Singleton
class SignupCoupons {

    private final CouponRedeemer redeemer;

    SignupCoupons(CouponRedeemer redeemer) {
        this.redeemer = redeemer;
    }

    /** The coupon's redemption for this subscription, or a 409 when the coupon ran out (or lapsed) meanwhile. */
    void redeem(UUID subscriptionId, UUID customerId, String code, String currency) {
        try {
            redeemer.redeem(new CouponRedemption(subscriptionId + ":coupon:" + code, code, subscriptionId.toString(),
                    customerId.toString(), currency, Instant.now()));
        } catch (ApplicationFailure rejected) {
            if (BillingFailures.COUPON_REJECTED.equals(rejected.getType())) {
                throw ApiProblems.couponUnavailable(code, rejected.getOriginalMessage());
            }
            throw rejected;
        }
    }
}
