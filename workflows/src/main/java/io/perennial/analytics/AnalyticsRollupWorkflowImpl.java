package io.perennial.analytics;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.BusinessTime;
import io.perennial.temporal.RetryPolicies;
import io.temporal.failure.ApplicationFailure;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

public class AnalyticsRollupWorkflowImpl implements AnalyticsRollupWorkflow {

    /** A day over a large ledger can take a while; it is retried as a whole. */
    private final AnalyticsRollupActivities rollup = ActivityStubs.stub(AnalyticsRollupActivities.class,
            Duration.ofMinutes(5), RetryPolicies.DATABASE);

    @Override
    public RollupResult run(RollupRequest request) {
        LocalDate today = BusinessTime.now().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate from = request.from() != null ? request.from() : today.minusDays(1);
        LocalDate to = request.to() != null ? request.to() : today;
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days < 1 || days > RollupRequest.MAX_DAYS) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "A roll-up covers 1 to " + RollupRequest.MAX_DAYS + " days, from before to", "InvalidRange");
        }
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            rollup.rollUpDay(new RollupDay(day));
        }
        return new RollupResult(from, to, (int) days);
    }
}
