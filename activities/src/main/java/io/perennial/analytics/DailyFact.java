package io.perennial.analytics;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A row of {@code analytics_daily}: one day's figures in one currency (docs/analytics.md), with the rate to the
 * reporting currency known for the day (null when none was), kept so a figure can always be traced to its rate.
 */
@Introspected
public record DailyFact(
        LocalDate day,
        String currency,
        long mrrMinor,
        int payingCustomers,
        int activeSubscribers,
        int trialing,
        int trialsEnded,
        int trialConversions,
        long newMinor,
        long reactivatedMinor,
        long expansionMinor,
        long contractionMinor,
        long churnedMinor,
        int newCustomers,
        int reactivatedCustomers,
        int churnedCustomers,
        int failedCharges,
        long failedMinor,
        int recoveredInvoices,
        long recoveredMinor,
        int lostInvoices,
        String reportingCurrency,
        @Nullable BigDecimal rate,
        @Nullable LocalDate rateDate) {

    /** ARR is exactly twelve times MRR. */
    public long arrMinor() {
        return 12 * mrrMinor;
    }
}
