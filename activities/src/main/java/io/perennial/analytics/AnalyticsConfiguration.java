package io.perennial.analytics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param reportingCurrency the ISO 4217 currency every figure is also given in (docs/analytics.md)
 * @param rollupWorkMemory  PostgreSQL's {@code work_mem} for a day's roll-up transaction: its sort of every
 *                          subscription's history must not spill to disk (docs/benchmarks.md, bench rollup)
 */
@ConfigurationProperties("perennial.analytics")
public record AnalyticsConfiguration(@Bindable(defaultValue = "EUR") String reportingCurrency,
                                     @Bindable(defaultValue = "64MB") String rollupWorkMemory) {
}
