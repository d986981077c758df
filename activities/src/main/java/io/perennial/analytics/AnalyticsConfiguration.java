package io.perennial.analytics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** @param reportingCurrency the ISO 4217 currency every figure is also given in (docs/analytics.md) */
@ConfigurationProperties("perennial.analytics")
public record AnalyticsConfiguration(@Bindable(defaultValue = "EUR") String reportingCurrency) {
}
