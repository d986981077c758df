package io.perennial.analytics;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A row of {@code analytics_orders_daily}: one day's one-off order revenue and refunds in one currency. */
@Introspected
public record OrderFact(LocalDate day, String currency, int ordersPaid, long revenueMinor, int refunds,
                        long refundedMinor, String reportingCurrency, @Nullable BigDecimal rate,
                        @Nullable LocalDate rateDate) {
}
