package io.perennial.subscription;

import java.time.Instant;

/**
 * A paid period's box whose order starts later, at {@code startsAt}, with the amount of its payment and the plan as
 * it ships (its box times the subscription's quantity).
 */
public record DelayedBox(BillingPeriod period, long paidMinor, PlanTerms plan, Instant startsAt) {
}
