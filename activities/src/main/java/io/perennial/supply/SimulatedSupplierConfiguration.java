package io.perennial.supply;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * @param transientFailureRate share of calls, 0 to 1, that fail: half answer 503 before anything is taken, half
 *                             time out after the supplier took the order (the answer is lost)
 * @param latency              how long a normal call takes
 * @param timeout              how long a timed-out call hangs before the client gives up
 * @param refusedSkus          comma-separated {@code supplierId:SKU} pairs (or {@code *:SKU}) the suppliers refuse
 * @param maxQuantity          the largest quantity one purchase order may have; more is refused
 */
@ConfigurationProperties("perennial.supplier.simulated")
public record SimulatedSupplierConfiguration(
        @Bindable(defaultValue = "0.0") double transientFailureRate,
        @Bindable(defaultValue = "50ms") Duration latency,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Bindable(defaultValue = "") String refusedSkus,
        @Bindable(defaultValue = "10000") int maxQuantity) {

    public boolean refuses(String supplierId, String sku) {
        List<String> pairs = Arrays.stream(refusedSkus.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .toList();
        return pairs.contains(supplierId + ":" + sku) || pairs.contains("*:" + sku);
    }
}
