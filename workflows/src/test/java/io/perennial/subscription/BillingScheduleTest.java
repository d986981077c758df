package io.perennial.subscription;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingScheduleTest {

    @Test
    void monthlyPeriodsFromThe31stClampToShortMonthsAndReturnToThe31st() {
        BillingSchedule schedule = new BillingSchedule(Instant.parse("2027-01-31T00:00:00Z"), BillingInterval.monthly());

        assertThat(schedule.period(1).end()).isEqualTo(Instant.parse("2027-02-28T00:00:00Z"));
        assertThat(schedule.period(2).end()).isEqualTo(Instant.parse("2027-03-31T00:00:00Z"));
        assertThat(schedule.period(13).end()).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
        assertThat(schedule.period(14).start()).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
        assertThat(schedule.period(14).end()).isEqualTo(Instant.parse("2028-03-31T00:00:00Z"));
    }

    @Test
    void aYearlyPlanStartedOnALeapDayRenewsOnThe28thAndOnThe29thInLeapYears() {
        BillingSchedule schedule = new BillingSchedule(Instant.parse("2028-02-29T12:00:00Z"), BillingInterval.yearly());

        assertThat(schedule.period(1).end()).isEqualTo(Instant.parse("2029-02-28T12:00:00Z"));
        assertThat(schedule.period(4).end()).isEqualTo(Instant.parse("2032-02-29T12:00:00Z"));
    }

    @Test
    void everyThreeMonthsAndWeeklyIntervalsCountFromTheAnchor() {
        Instant anchor = Instant.parse("2027-11-30T08:00:00Z");

        assertThat(new BillingSchedule(anchor, new BillingInterval(IntervalUnit.MONTH, 3)).period(1).end())
                .isEqualTo(Instant.parse("2028-02-29T08:00:00Z"));
        assertThat(new BillingSchedule(anchor, new BillingInterval(IntervalUnit.MONTH, 3)).period(2).end())
                .isEqualTo(Instant.parse("2028-05-30T08:00:00Z"));
        assertThat(new BillingSchedule(anchor, new BillingInterval(IntervalUnit.WEEK, 2)).period(3).start())
                .isEqualTo(Instant.parse("2027-12-28T08:00:00Z"));
    }

    @Test
    void periodsAreNumberedFromOne() {
        BillingSchedule schedule = new BillingSchedule(Instant.EPOCH, BillingInterval.monthly());

        assertThatThrownBy(() -> schedule.period(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
