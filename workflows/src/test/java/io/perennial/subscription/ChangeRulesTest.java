package io.perennial.subscription;

import io.perennial.billing.CouponDuration;
import io.perennial.billing.CouponTerms;
import io.temporal.failure.ApplicationFailure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every Update checks, on the state alone: no workflow, no Temporal. */
class ChangeRulesTest {

    static final PlanTerms BASIC = PlanChangeQuoteTest.BASIC;
    static final Instant NOW = PlanChangeQuoteTest.HALFWAY;

    private final Subscription s = Subscription.begin(BASIC, "pm_card_visa", null, PlanChangeQuoteTest.PERIOD_START);
    private boolean firstEngine;
    private final ChangeRules rules = new ChangeRules(s, () -> firstEngine);

    private static void assertRejected(ThrowingCallable change, String message) {
        assertThatThrownBy(change).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.getType())
                    .isEqualTo(SubscriptionFailures.CHANGE_REJECTED);
            assertThat(failure.isNonRetryable()).isTrue();
        }).hasMessageContaining(message);
    }

    @Test
    void anActiveBilledSubscriptionMayPauseNowOrAtPeriodEnd() {
        s.billing.currentPeriod = s.schedulePeriod(1);

        assertThatCode(() -> rules.pause(new PauseRequest(PauseTiming.IMMEDIATELY, null), NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> rules.pause(new PauseRequest(PauseTiming.AT_PERIOD_END, null), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void aPastDueSubscriptionCannotBePaused() {
        s.billing.currentPeriod = s.schedulePeriod(1);
        s.status = SubscriptionStatus.PAST_DUE;

        assertRejected(() -> rules.pause(new PauseRequest(PauseTiming.IMMEDIATELY, null), NOW),
                "A past-due subscription cannot be paused");
    }

    @Test
    void aPauseWaitsForTheFirstPaymentAndMustResumeAfterItBegins() {
        assertRejected(() -> rules.pause(new PauseRequest(PauseTiming.IMMEDIATELY, null), NOW),
                "The first payment is still being collected");

        s.billing.currentPeriod = s.schedulePeriod(1);
        assertRejected(() -> rules.pause(new PauseRequest(PauseTiming.AT_PERIOD_END,
                Instant.parse("2027-02-20T09:00:00Z")), NOW), "resumeAt must be after the pause begins");
    }

    @Test
    void aPlanChangeIsRefusedWhenPastDueOrToTheSamePlanOrAnotherCurrency() {
        s.billing.currentPeriod = s.schedulePeriod(1);
        PlanTerms dollars = new PlanTerms("plan_us", "US monthly", 1499, "USD", BillingInterval.monthly(), 0);

        assertRejected(() -> rules.planChange(new PlanChangeRequest(BASIC)), "already on plan_basic_monthly");
        assertRejected(() -> rules.planChange(new PlanChangeRequest(dollars)), "priced in USD");
        assertThatCode(() -> rules.planChange(new PlanChangeRequest(PlanChangeQuoteTest.PREMIUM)))
                .doesNotThrowAnyException();

        s.status = SubscriptionStatus.PAST_DUE;
        assertRejected(() -> rules.planChange(new PlanChangeRequest(PlanChangeQuoteTest.PREMIUM)),
                "A past-due subscription cannot change plan");
    }

    @Test
    void aSecondCouponIsRefused() {
        s.discounts.coupon = new CouponTerms("SPRING15", 1500, 0, null, CouponDuration.REPEATING, 3);

        assertRejected(() -> rules.coupon(new CouponApplication("welcome10")), "Coupon SPRING15 already applies");
    }

    /** The first engine takes cancel as a signal only; every Update is refused. */
    @Test
    void onTheFirstEngineEveryUpdateIsRefused() {
        firstEngine = true;

        assertRejected(rules::cancel, "runs on the first engine");
        assertRejected(rules::resume, "runs on the first engine");
        assertRejected(() -> rules.coupon(new CouponApplication("welcome10")), "runs on the first engine");
    }
}
