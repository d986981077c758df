package io.perennial.analytics;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MonthlyRecurringRevenueTest {

    static SubscriptionAtDay sub(String status, long amount, String unit, int count) {
        return new SubscriptionAtDay(UUID.randomUUID(), UUID.randomUUID(), status, amount, "EUR", null, null, unit,
                count, null, null, null, true);
    }

    static SubscriptionAtDay withPercentCoupon(long amount, int basisPoints, int invoicesLeft) {
        return new SubscriptionAtDay(UUID.randomUUID(), UUID.randomUUID(), "ACTIVE", amount, "EUR", "SPRING15",
                invoicesLeft, "MONTH", 1, basisPoints, null, null, true);
    }

    @Test
    void aMonthlyPlanIsItsPriceAYearlyOneATwelfthAndAQuarterlyOneAThird() {
        assertThat(MonthlyRecurringRevenue.of(sub("ACTIVE", 1299, "MONTH", 1))).isEqualTo(1299);
        assertThat(MonthlyRecurringRevenue.of(sub("ACTIVE", 12900, "YEAR", 1))).isEqualTo(1075);
        assertThat(MonthlyRecurringRevenue.of(sub("ACTIVE", 3000, "MONTH", 3))).isEqualTo(1000);
    }

    @Test
    void aDivisionThatLeavesHalfACentRoundsHalfUpOnce() {
        // 12999 / 12 = 1083.25 → 1083; 1299 / 3 = 433.0; 1000 / 12 = 83.333 → 83; 1002 / 12 = 83.5 → 84.
        assertThat(MonthlyRecurringRevenue.of(sub("ACTIVE", 12999, "YEAR", 1))).isEqualTo(1083);
        assertThat(MonthlyRecurringRevenue.of(sub("ACTIVE", 1000, "YEAR", 1))).isEqualTo(83);
        assertThat(MonthlyRecurringRevenue.of(sub("ACTIVE", 1002, "YEAR", 1))).isEqualTo(84);
        // Weekly 100: 100 × 52 / 12 = 433.33 → 433.
        assertThat(MonthlyRecurringRevenue.of(sub("ACTIVE", 100, "WEEK", 1))).isEqualTo(433);
    }

    @Test
    void trialsPausesAndCancellationsAreNotRecurringRevenueButDunningStillIs() {
        assertThat(MonthlyRecurringRevenue.of(sub("TRIALING", 1299, "MONTH", 1))).isZero();
        assertThat(MonthlyRecurringRevenue.of(sub("PAUSED", 1299, "MONTH", 1))).isZero();
        assertThat(MonthlyRecurringRevenue.of(sub("CANCELED", 1299, "MONTH", 1))).isZero();
        assertThat(MonthlyRecurringRevenue.of(sub("PAST_DUE", 1299, "MONTH", 1))).isEqualTo(1299);
    }

    @Test
    void aTrialWhoseFirstChargeFailedIsNotRevenueUntilItIsPaid() {
        SubscriptionAtDay neverPaid = new SubscriptionAtDay(UUID.randomUUID(), UUID.randomUUID(), "PAST_DUE", 1299L,
                "EUR", null, null, "MONTH", 1, null, null, null, false);
        assertThat(MonthlyRecurringRevenue.of(neverPaid)).isZero();
    }

    @Test
    void aCouponThatStillAppliesIsTakenOffAsTheInvoicesTakeIt() {
        // 15% of 1299 = 194.85 → 195 (the invoice's DISCOUNT line), so 1104.
        assertThat(MonthlyRecurringRevenue.of(withPercentCoupon(1299, 1500, 3))).isEqualTo(1104);
        assertThat(MonthlyRecurringRevenue.of(withPercentCoupon(1299, 1500, -1))).isEqualTo(1104);
        assertThat(MonthlyRecurringRevenue.of(withPercentCoupon(1299, 1500, 0))).isEqualTo(1299);
    }

    @Test
    void anAmountCouponTakesOffAtMostThePriceAndOnlyInItsCurrency() {
        SubscriptionAtDay euros = new SubscriptionAtDay(UUID.randomUUID(), UUID.randomUUID(), "ACTIVE", 1299L, "EUR",
                "FIVE", 1, "MONTH", 1, null, 500L, "EUR", true);
        SubscriptionAtDay dollars = new SubscriptionAtDay(UUID.randomUUID(), UUID.randomUUID(), "ACTIVE", 1299L,
                "EUR", "FIVE", 1, "MONTH", 1, null, 500L, "USD", true);
        SubscriptionAtDay more = new SubscriptionAtDay(UUID.randomUUID(), UUID.randomUUID(), "ACTIVE", 1299L, "EUR",
                "BIG", 1, "MONTH", 1, null, 5000L, "EUR", true);
        assertThat(MonthlyRecurringRevenue.of(euros)).isEqualTo(799);
        assertThat(MonthlyRecurringRevenue.of(dollars)).isEqualTo(1299);
        assertThat(MonthlyRecurringRevenue.of(more)).isZero();
    }
}
