package io.perennial.catalog;

import io.micronaut.core.annotation.Introspected;

/** The price of one period in one currency: integer minor units of an ISO 4217 code (1299 EUR = 12.99 EUR). */
@Introspected
public record PlanPrice(String currency, long amountMinor) {
}
