package io.perennial.worker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How often each periodic job runs. Each worker start brings the Schedules to these intervals (keeping a pause); the
 * embedded mode's timer loops take them when the process starts.
 *
 * @param reconciliationEvery the reconciliation sweep (Flexprice sweeps every 20 minutes)
 * @param purgeEvery          each purge (idempotency keys, refresh tokens, events)
 * @param analyticsEvery      the analytics roll-up (yesterday and today so far, each run)
 * @param pointsExpiryEvery   the member points expiry (points expire at most this late)
 * @param recommendationsEvery the recommendation model's refresh (incremental; a full rebuild once a week)
 * @param dataLakeExportEvery the Parquet export (each run rewrites the last 7 days)
 */
@ConfigurationProperties("perennial.periodic-jobs")
public record PeriodicJobsConfiguration(
        @Bindable(defaultValue = "20m") Duration reconciliationEvery,
        @Bindable(defaultValue = "1h") Duration purgeEvery,
        @Bindable(defaultValue = "1d") Duration analyticsEvery,
        @Bindable(defaultValue = "1d") Duration pointsExpiryEvery,
        @Bindable(defaultValue = "6h") Duration recommendationsEvery,
        @Bindable(defaultValue = "1d") Duration dataLakeExportEvery) {
}
