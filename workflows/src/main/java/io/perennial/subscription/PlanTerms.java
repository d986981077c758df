package io.perennial.subscription;

/**
 * The terms a subscriber signed up for, copied into the workflow at start so a later price change
 * in the catalog never changes what an existing subscriber pays.
 *
 * @param amountMinor price per period in minor units of {@code currency} (ISO 4217), e.g. 1299 = 12.99 EUR
 */
public record PlanTerms(String planId, String name, long amountMinor, String currency,
                        BillingInterval interval, int trialDays) {
    public PlanTerms {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (currency == null || currency.length() != 3) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
        if (trialDays < 0) {
            throw new IllegalArgumentException("trial days must not be negative");
        }
    }
}
