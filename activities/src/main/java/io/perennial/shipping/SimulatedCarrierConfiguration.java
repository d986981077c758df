package io.perennial.shipping;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * @param transientFailureRate      share of calls, 0 to 1, that fail: half answer 503 before anything is booked,
 *                                  half time out after the carrier booked (the answer is lost, as on a real network)
 * @param latency                   how long a normal call takes
 * @param timeout                   how long a timed-out call hangs before the client gives up
 * @param unservedCountries         comma-separated ISO country codes the carrier refuses to deliver to
 * @param eventDelays               after a booking, the carrier's clock time before each tracking event: picked up,
 *                                  in transit, out for delivery, delivered (comma-separated ISO-8601 durations,
 *                                  each counted from the event before)
 * @param missedPickupPostalCodes   postal codes (comma-separated) whose parcels are never picked up: no events at
 *                                  all, so the order's pickup deadline raises a shipment exception
 * @param exceptionPostalCodes      postal codes whose parcels hit an exception (address not found) after transit,
 *                                  then go out for delivery again and arrive
 * @param dispatchInterval          how often the carrier looks for events due to be posted
 * @param deliveryAttempts          how often it posts one event before it gives up (a non-2xx answer is retried,
 *                                  with backoff doubling from one second to five minutes)
 */
@ConfigurationProperties("perennial.carrier.simulated")
public record SimulatedCarrierConfiguration(
        @Bindable(defaultValue = "0.0") double transientFailureRate,
        @Bindable(defaultValue = "50ms") Duration latency,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Bindable(defaultValue = "AQ") String unservedCountries,
        @Bindable(defaultValue = "PT1M,PT2M,PT2M,PT1M") String eventDelays,
        @Bindable(defaultValue = "0000 NP") String missedPickupPostalCodes,
        @Bindable(defaultValue = "0000 EX") String exceptionPostalCodes,
        @Bindable(defaultValue = "500ms") Duration dispatchInterval,
        @Bindable(defaultValue = "12") int deliveryAttempts) {

    public List<String> unserved() {
        return list(unservedCountries);
    }

    /** The four gaps: booking → picked up → in transit → out for delivery → delivered. */
    public List<Duration> delays() {
        List<Duration> delays = list(eventDelays).stream().map(Duration::parse).toList();
        if (delays.size() != 4 || delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalStateException("perennial.carrier.simulated.event-delays needs four durations, not "
                    + eventDelays);
        }
        return delays;
    }

    public boolean missesPickup(String postalCode) {
        return list(missedPickupPostalCodes).contains(postalCode.trim());
    }

    public boolean hitsException(String postalCode) {
        return list(exceptionPostalCodes).contains(postalCode.trim());
    }

    private static List<String> list(String values) {
        return Arrays.stream(values.split(",")).map(String::trim).filter(value -> !value.isEmpty()).toList();
    }
}
