package io.perennial.payment;

import io.micronaut.core.annotation.Introspected;

/** A charge in the simulated provider's ledger and how much of it was refunded so far. */
@Introspected
public record SimulatedChargeBalance(long amountMinor, String currency, String outcome, long refunded) {
}
