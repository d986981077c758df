package io.perennial.payment;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * What the simulated provider's ledger holds for one key: the reference, the outcome, and the decline or failure
 * code when it refused.
 */
@Introspected
public record SimulatedLedgerEntry(String reference, String outcome, @Nullable String code) {

    boolean succeeded() {
        return "SUCCEEDED".equals(outcome);
    }
}
