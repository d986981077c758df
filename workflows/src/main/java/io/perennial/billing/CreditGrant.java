package io.perennial.billing;

import java.time.Instant;

/**
 * Account credit for a customer, consumed by their next invoices. Granted at most once per {@code grantKey}.
 *
 * @param reason e.g. {@code pause_credit}, {@code plan_change_credit}, {@code referral}
 */
public record CreditGrant(String grantKey, String customerId, long amountMinor, String currency, String reason,
                          Instant businessTime) {
    public CreditGrant {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a credit grant is positive, was " + amountMinor);
        }
    }
}
