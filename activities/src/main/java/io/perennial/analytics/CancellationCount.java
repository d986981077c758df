package io.perennial.analytics;

import io.micronaut.core.annotation.Introspected;

import java.time.LocalDate;

/** Subscriptions canceled on a day for one reason; {@code payment_failed} (dunning exhausted) is involuntary. */
@Introspected
public record CancellationCount(LocalDate day, String reason, boolean voluntary, int subscriptions) {

    public static final String INVOLUNTARY_REASON = "payment_failed";

    public static boolean voluntary(String reason) {
        return !INVOLUNTARY_REASON.equals(reason);
    }
}
