package io.perennial.subscription;

import java.time.Instant;

/**
 * The money of a plan change, exact to the minor unit, as previewed and as applied.
 *
 * @param creditMinor        for the unused part of the current period on the old plan
 * @param chargeMinor        for the new plan: the rest of the current period, or a whole new period when the
 *                           interval changes
 * @param amountDueNowMinor  {@code chargeMinor - creditMinor}, never below zero; charged at once
 * @param accountCreditMinor what is left of the credit when it exceeds the charge; kept as account credit
 * @param discountMinor      the coupon's part of the new plan's price, already taken off {@code chargeMinor}
 *                           (the invoice shows the charge before it and a {@code DISCOUNT} line); 0 without a coupon
 */
public record PlanChangeQuote(String fromPlanId, String toPlanId, PlanChangeTiming timing, Instant effectiveAt,
                              String currency, long creditMinor, long chargeMinor, long amountDueNowMinor,
                              long accountCreditMinor, long discountMinor) {
}
