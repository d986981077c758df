package io.perennial.subscription;

import java.time.Instant;

/** A paid period's box whose order starts later, at {@code startsAt}, with the plan and amount of its payment. */
public record DelayedBox(BillingPeriod period, long paidMinor, PlanTerms plan, Instant startsAt) {
}
