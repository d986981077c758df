package io.perennial.ops;

import java.time.Instant;

/**
 * Which failed renewals a bulk retry takes: past-due subscriptions whose collecting first failed in
 * [{@code failedSince}, {@code failedUntil}), for a reason ({@code gateway_unavailable}, {@code declined}) and a
 * plan. Null fields match everything.
 */
public record RenewalRetryFilter(String reason, String planId, Instant failedSince, Instant failedUntil) {
}
