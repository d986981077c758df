package io.perennial.billing;

import java.time.Instant;

/**
 * Takes back a credit grant (a referral reward whose qualifying invoice was refunded), at most once per
 * {@code clawbackKey}. Only what the customer has not yet spent can be taken back.
 */
public record CreditClawback(String clawbackKey, String grantKey, String reason, Instant businessTime) {
}
