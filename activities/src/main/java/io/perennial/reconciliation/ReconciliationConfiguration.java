package io.perennial.reconciliation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param grace    how long a charge may stay PENDING (from its first try, in business time) before the sweep asks the
 *                 provider: longer than a renewal's retry window, so the sweep does not race the workflow's own tries
 * @param pageSize the most charges one sweep looks at; the rest wait for the next sweep
 */
@ConfigurationProperties("perennial.reconciliation")
public record ReconciliationConfiguration(
        @Bindable(defaultValue = "1h") Duration grace,
        @Bindable(defaultValue = "200") int pageSize) {
}
