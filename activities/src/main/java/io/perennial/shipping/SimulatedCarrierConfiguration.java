package io.perennial.shipping;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * @param transientFailureRate share of calls, 0 to 1, that fail: half answer 503 before anything is booked, half
 *                             time out after the carrier booked (the answer is lost, as on a real network)
 * @param latency              how long a normal call takes
 * @param timeout              how long a timed-out call hangs before the client gives up
 * @param unservedCountries    comma-separated ISO country codes the carrier refuses to deliver to
 */
@ConfigurationProperties("perennial.carrier.simulated")
public record SimulatedCarrierConfiguration(
        @Bindable(defaultValue = "0.0") double transientFailureRate,
        @Bindable(defaultValue = "50ms") Duration latency,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Bindable(defaultValue = "AQ") String unservedCountries) {

    public List<String> unserved() {
        return Arrays.stream(unservedCountries.split(",")).map(String::trim).filter(code -> !code.isEmpty()).toList();
    }
}
