package io.perennial.billing;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CouponRedemptionTest implements TestPropertyProvider {

    static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

    @Inject
    BillingActivitiesImpl billing;
    @Inject
    CouponRepository coupons;
    @Inject
    CouponRedemptionRepository redemptions;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    private String percentOff(int basisPoints, Integer maxRedemptions, Instant expiresAt) {
        String code = "SPRING-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        coupons.save(Coupon.create(code.toLowerCase(), "Spring sale", basisPoints, null, null,
                CouponDuration.REPEATING, 3, maxRedemptions, expiresAt, NOW));
        return code;
    }

    private CouponTerms redeem(String code, String currency, Instant businessTime) {
        String subscriptionId = UUID.randomUUID().toString();
        return billing.redeemCoupon(new CouponRedemption(subscriptionId + ":coupon:" + code, code, subscriptionId,
                UUID.randomUUID().toString(), currency, businessTime));
    }

    private static void assertRejected(Throwable failure, String messagePart) {
        assertThat(failure).isInstanceOfSatisfying(ApplicationFailure.class, rejection -> {
            assertThat(rejection.getType()).isEqualTo(BillingFailures.COUPON_REJECTED);
            assertThat(rejection.isNonRetryable()).isTrue();
            assertThat(rejection.getOriginalMessage()).contains(messagePart);
        });
    }

    @Test
    void aCouponIsRedeemedCaseInsensitivelyForItsTerms() {
        String code = percentOff(2500, null, null);

        CouponTerms terms = redeem(code.toLowerCase(), "EUR", NOW);

        assertThat(terms).isEqualTo(new CouponTerms(code, 2500, 0, "EUR", CouponDuration.REPEATING, 3));
        assertThat(coupons.findByCode(code.toLowerCase()).orElseThrow().timesRedeemed()).isEqualTo(1);
    }

    @Test
    void aCouponExpiredAtTheBusinessTimeIsRejectedWhateverTheSystemClockSays() {
        // Long expired by the system clock, but the workflow's time is what counts.
        String code = percentOff(1000, null, Instant.parse("2020-01-01T00:00:00Z"));

        assertThat(redeem(code, "EUR", Instant.parse("2019-12-31T23:59:59Z")).percentOffBasisPoints())
                .isEqualTo(1000);
        assertThatThrownBy(() -> redeem(code, "EUR", Instant.parse("2020-01-01T00:00:00Z")))
                .satisfies(failure -> assertRejected(failure, "expired on 2020-01-01"));
        assertThat(coupons.findById(code).orElseThrow().timesRedeemed()).isEqualTo(1);
    }

    @Test
    void tenConcurrentRedemptionsOfACouponLimitedToThreeLetExactlyThreeThrough() throws Exception {
        String code = percentOff(1500, 3, null);

        var outcomes = Concurrently.run(10, i -> redeem(code, "EUR", NOW));

        assertThat(outcomes.stream().filter(Concurrently.Outcome::succeeded)).hasSize(3);
        outcomes.stream().filter(outcome -> !outcome.succeeded())
                .forEach(outcome -> assertRejected(outcome.failure(), "maximum number of times"));
        assertThat(coupons.findById(code).orElseThrow().timesRedeemed()).isEqualTo(3);
        assertThat(redemptions.findByCodeOrderByBusinessTime(code)).hasSize(3);
    }

    @Test
    void theSameRedemptionKeyTwiceCountsOnce() {
        String code = percentOff(2000, 5, null);
        String subscriptionId = UUID.randomUUID().toString();
        CouponRedemption redemption = new CouponRedemption(subscriptionId + ":coupon:" + code, code, subscriptionId,
                UUID.randomUUID().toString(), "EUR", NOW);

        CouponTerms first = billing.redeemCoupon(redemption);
        CouponTerms second = billing.redeemCoupon(redemption);

        assertThat(second).isEqualTo(first);
        assertThat(coupons.findById(code).orElseThrow().timesRedeemed()).isEqualTo(1);
    }

    @Test
    void anAmountOffCouponInAnotherCurrencyIsRejected() {
        String code = "TENOFF-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        coupons.save(Coupon.create(code, "Ten off", null, 1000L, "USD", CouponDuration.ONCE, null, null, null, NOW));

        assertThatThrownBy(() -> redeem(code, "EUR", NOW))
                .satisfies(failure -> assertRejected(failure, "prices in USD only"));
        assertThat(redeem(code, "USD", NOW).amountOffMinor()).isEqualTo(1000);
        assertThat(coupons.findById(code).orElseThrow().timesRedeemed()).isEqualTo(1);
    }

    @Test
    void anUnknownOrDeactivatedCouponIsRejected() {
        String code = percentOff(1000, null, null);
        coupons.deactivate(code);

        assertThatThrownBy(() -> redeem("NO-SUCH-CODE", "EUR", NOW))
                .satisfies(failure -> assertRejected(failure, "does not exist"));
        assertThatThrownBy(() -> redeem(code, "EUR", NOW))
                .satisfies(failure -> assertRejected(failure, "no longer valid"));
        assertThat(redemptions.findByCodeOrderByBusinessTime(code)).isEmpty();
    }
}
