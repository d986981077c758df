package io.perennial.billing;

import java.time.Instant;

/**
 * Account credit for a customer, consumed by their next invoices. Granted at most once per {@code grantKey}.
 *
 * @param reason         e.g. {@code pause_credit}, {@code plan_change_credit}, {@code referral}
 * @param subscriptionId for credit that gives back part of a paid period (pause, plan change): the subscription,
 *                       with {@code sourcePeriod} the period; both null for a referral reward. The ledger grants such
 *                       credit only out of what the period has left to give back (see {@code PeriodReturns}).
 */
public record CreditGrant(String grantKey, String customerId, long amountMinor, String currency, String reason,
                          Instant businessTime, String subscriptionId, Integer sourcePeriod) {
    public CreditGrant {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a credit grant is positive, was " + amountMinor);
        }
        if ((subscriptionId == null) != (sourcePeriod == null)) {
            throw new IllegalArgumentException("a period's credit names both its subscription and its period");
        }
    }

    /** Credit that gives back nothing paid for a period (a referral reward, a goodwill gesture). */
    public CreditGrant(String grantKey, String customerId, long amountMinor, String currency, String reason,
                       Instant businessTime) {
        this(grantKey, customerId, amountMinor, currency, reason, businessTime, null, null);
    }

    /** Credit that gives back part of what {@code period} of {@code subscriptionId} was paid. */
    public static CreditGrant fromPeriod(String grantKey, String customerId, long amountMinor, String currency,
                                         String reason, Instant businessTime, String subscriptionId, int period) {
        return new CreditGrant(grantKey, customerId, amountMinor, currency, reason, businessTime, subscriptionId,
                period);
    }
}
