package io.perennial.subscription;

import io.perennial.billing.CouponDuration;
import io.perennial.billing.CouponTerms;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a plan change costs, as a pure function of the subscription's state: no workflow, no Temporal. */
class PlanChangeQuoteTest {

    static final PlanTerms BASIC = new PlanTerms("plan_basic_monthly", "Basic monthly", 1299, "EUR",
            BillingInterval.monthly(), 0);
    static final PlanTerms PREMIUM = new PlanTerms("plan_premium_monthly", "Premium monthly", 2499, "EUR",
            BillingInterval.monthly(), 0);
    static final PlanTerms LITE = new PlanTerms("plan_lite_monthly", "Lite monthly", 799, "EUR",
            BillingInterval.monthly(), 0);
    static final PlanTerms YEARLY = new PlanTerms("plan_digital_yearly", "Digital yearly", 12900, "EUR",
            BillingInterval.yearly(), 0);

    static final CouponTerms SPRING15 = new CouponTerms("SPRING15", 1500, 0, null, CouponDuration.REPEATING, 3);

    static final Instant PERIOD_START = Instant.parse("2027-01-31T09:00:00Z");
    /** The 28-day period from 31 January runs to 28 February; halfway is 14 February. */
    static final Instant HALFWAY = Instant.parse("2027-02-14T09:00:00Z");

    private static Subscription activeOn(PlanTerms plan) {
        Subscription s = Subscription.begin(plan, "pm_card_visa", null, PERIOD_START);
        s.billing.currentPeriod = s.schedulePeriod(1);
        return s;
    }

    @Test
    void anUpgradeHalfwayCreditsHalfTheOldPriceAndChargesHalfTheNew() {
        PlanChangeQuote quote = PlanChanges.quote(activeOn(BASIC), PREMIUM, HALFWAY);

        assertThat(quote.timing()).isEqualTo(PlanChangeTiming.IMMEDIATELY);
        assertThat(quote.effectiveAt()).isEqualTo(HALFWAY);
        assertThat(quote.creditMinor()).as("1299 / 2, rounded half up").isEqualTo(650);
        assertThat(quote.chargeMinor()).as("2499 / 2, rounded half up").isEqualTo(1250);
        assertThat(quote.amountDueNowMinor()).isEqualTo(600);
        assertThat(quote.accountCreditMinor()).isZero();
    }

    @Test
    void aDiscountedPeriodIsCreditedAtWhatItCostNotAtThePlanPrice() {
        Subscription s = activeOn(BASIC);
        s.billing.periodValueMinor = 1104L;

        assertThat(PlanChanges.quote(s, PREMIUM, HALFWAY).creditMinor()).isEqualTo(552);
    }

    @Test
    void aDowngradeWaitsForThePeriodEndAndCostsNothingNow() {
        PlanChangeQuote quote = PlanChanges.quote(activeOn(BASIC), LITE, HALFWAY);

        assertThat(quote.timing()).isEqualTo(PlanChangeTiming.AT_PERIOD_END);
        assertThat(quote.effectiveAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(quote.amountDueNowMinor()).isZero();
        assertThat(quote.creditMinor()).isZero();
    }

    @Test
    void aMoveToAnotherIntervalChargesAWholeNewPeriodLessTheUnusedOldOne() {
        PlanChangeQuote quote = PlanChanges.quote(activeOn(BASIC), YEARLY, HALFWAY);

        assertThat(quote.timing()).isEqualTo(PlanChangeTiming.IMMEDIATELY);
        assertThat(quote.chargeMinor()).isEqualTo(12900);
        assertThat(quote.amountDueNowMinor()).isEqualTo(12900 - 650);
    }

    @Test
    void creditBeyondTheChargeIsKeptAsAccountCredit() {
        PlanChangeQuote quote = PlanChanges.quote(activeOn(YEARLY), BASIC, PERIOD_START);

        assertThat(quote.creditMinor()).isEqualTo(12900);
        assertThat(quote.amountDueNowMinor()).isZero();
        assertThat(quote.accountCreditMinor()).isEqualTo(12900 - 1299);
    }

    @Test
    void duringATrialOrAPauseAChangeAppliesAtOnceAndCostsNothing() {
        Subscription paused = activeOn(BASIC);
        paused.status = SubscriptionStatus.PAUSED;

        PlanChangeQuote quote = PlanChanges.quote(paused, PREMIUM, HALFWAY);

        assertThat(quote.timing()).isEqualTo(PlanChangeTiming.IMMEDIATELY);
        assertThat(quote.chargeMinor()).isZero();
        assertThat(quote.creditMinor()).isZero();
    }

    @Test
    void anUpgradeWithinADiscountedPeriodIsDiscountedByTheSameCoupon() {
        Subscription s = activeOn(BASIC);
        s.billing.periodValueMinor = 1104L;
        s.billing.periodCoupon = SPRING15;

        PlanChangeQuote quote = PlanChanges.quote(s, PREMIUM, HALFWAY);

        // Premium is worth 2499 - 374.85 → 375 = 2124 with the coupon; half of it is 1062, half of 2499 is 1250.
        assertThat(quote.creditMinor()).isEqualTo(552);
        assertThat(quote.chargeMinor()).isEqualTo(1062);
        assertThat(quote.discountMinor()).isEqualTo(1250 - 1062);
        assertThat(quote.amountDueNowMinor()).isEqualTo(510);
    }

    @Test
    void aNewPeriodOfAnotherIntervalIsDiscountedOnlyWhileTheCouponHasInvoicesLeft() {
        Subscription s = activeOn(BASIC);
        s.billing.periodValueMinor = 1104L;
        s.billing.periodCoupon = SPRING15;
        s.discounts.coupon = SPRING15;
        s.discounts.couponInvoicesLeft = 2;

        assertThat(PlanChanges.quote(s, YEARLY, HALFWAY)).extracting(PlanChangeQuote::chargeMinor,
                PlanChangeQuote::discountMinor).containsExactly(12900L - 1935L, 1935L);
        s.discounts.couponInvoicesLeft = 0;
        assertThat(PlanChanges.quote(s, YEARLY, HALFWAY)).extracting(PlanChangeQuote::chargeMinor,
                PlanChangeQuote::discountMinor).containsExactly(12900L, 0L);
    }
}
