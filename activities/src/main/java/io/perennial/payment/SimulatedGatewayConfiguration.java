package io.perennial.payment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param transientFailureRate share of calls, 0 to 1, that fail with a 503 or a timeout before reaching the ledger
 * @param latency              how long a normal call takes
 * @param timeout              how long a timed-out call hangs before the client gives up
 */
@ConfigurationProperties("perennial.gateway.simulated")
public record SimulatedGatewayConfiguration(
        @Bindable(defaultValue = "0.0") double transientFailureRate,
        @Bindable(defaultValue = "50ms") Duration latency,
        @Bindable(defaultValue = "10s") Duration timeout) {
}
