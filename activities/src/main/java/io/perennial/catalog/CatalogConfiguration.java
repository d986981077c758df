package io.perennial.catalog;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code perennial.catalog.*}. Intervals and trials shorter than a day (SECOND, MINUTE, HOUR) are for demonstrations
 * and for end-to-end tests against a real Temporal server, where time cannot be skipped; production leaves them off.
 */
@ConfigurationProperties("perennial.catalog")
public class CatalogConfiguration {
    private boolean allowSubDayIntervals;

    public boolean isAllowSubDayIntervals() {
        return allowSubDayIntervals;
    }

    public void setAllowSubDayIntervals(boolean allowSubDayIntervals) {
        this.allowSubDayIntervals = allowSubDayIntervals;
    }
}
