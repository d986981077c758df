package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.BillingFailures;
import io.perennial.billing.CouponRedemption;
import io.perennial.billing.CouponTerms;
import io.perennial.billing.CreditClawback;
import io.perennial.billing.CreditGrant;
import io.perennial.temporal.ActivityStubs;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.util.Locale;

import static io.perennial.temporal.BusinessTime.now;

/**
 * The coupon a subscription redeems, and the reward its referrer earns from the first invoice with money on it
 * (taken back when that period is refunded). Which invoices a coupon discounts is decided where the period is
 * billed ({@link PeriodBilling}).
 */
final class CouponsAndReferrals {

    private static final Logger log = Workflow.getLogger(CouponsAndReferrals.class);

    private final BillingActivities billing = ActivityStubs.database(BillingActivities.class);
    private final SubscriptionStart start;
    private final Subscription s;

    CouponsAndReferrals(SubscriptionStart start, Subscription s) {
        this.start = start;
        this.s = s;
    }

    /** A code given at sign-up: the API checked it before starting, so one that went bad since is dropped. */
    void redeemAtSignup(String code) {
        try {
            redeem(code);
        } catch (ApplicationFailure rejected) {
            log.warn("Coupon {} given at sign-up was not applied: {}", code, rejected.getOriginalMessage());
        }
    }

    /** Redeems the code for this subscription; a coupon the catalog refuses fails the caller with its reason. */
    void redeem(String code) {
        String normalized = code.trim().toUpperCase(Locale.ROOT);
        try {
            CouponTerms terms = billing.redeemCoupon(new CouponRedemption(
                    start.subscriptionId() + ":coupon:" + normalized, normalized, start.subscriptionId(),
                    start.customerId(), s.plan.currency(), now()));
            s.discounts.coupon = terms;
            s.discounts.couponInvoicesLeft = terms.invoices();
            s.changed();
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause
                    && BillingFailures.COUPON_REJECTED.equals(cause.getType())) {
                throw ApplicationFailure.newNonRetryableFailure(cause.getOriginalMessage(),
                        BillingFailures.COUPON_REJECTED);
            }
            throw failure;
        }
    }

    /** The first invoice with money on it qualifies; a fully discounted one earns the referrer nothing. */
    void rewardReferrer(BillingPeriod period, long amountChargedMinor) {
        ReferralReward referral = start.referral();
        if (referral != null && s.discounts.referralPeriod == 0 && amountChargedMinor > 0) {
            s.discounts.referralPeriod = period.number();
            billing.grantAccountCredit(new CreditGrant(referralGrantKey(), referral.referrerCustomerId(),
                    referral.amountMinor(), s.plan.currency(), "referral", now()));
        }
    }

    /** A refund of the period that earned the referrer's reward takes the reward back. */
    void clawBackReward(BillingPeriod refunded) {
        if (s.discounts.referralPeriod == refunded.number()) {
            long taken = billing.clawBackCredit(new CreditClawback(referralGrantKey() + ":clawback",
                    referralGrantKey(), "qualifying_invoice_refunded", now()));
            log.info("Referral reward clawed back: {} {}", taken, s.plan.currency());
        }
    }

    private String referralGrantKey() {
        return "referral:" + start.subscriptionId();
    }
}
