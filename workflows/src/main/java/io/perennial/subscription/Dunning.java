package io.perennial.subscription;

import java.time.Instant;

/**
 * An overdue invoice being collected: after a decline (dunning), or while the payment provider is unavailable
 * (a hold, which is never a dunning attempt).
 *
 * @param firstDeclineAt   scheduled retries are offsets from here; null while only the provider has failed
 * @param scheduledRetries how many retries of the {@link DunningSchedule} have run
 * @param retries          every new attempt so far, scheduled or asked for at once; the next is
 *                         {@code dunning-{retries + 1}}
 * @param reason           {@code declined}, {@code gateway_unavailable} while on hold, or {@code authentication_required}
 *                         while a charge waits for the customer; null in states from before holds existed (a decline)
 * @param holdUntil        on hold: when the unsettled attempt is tried again (an ops retry or a new card tries at once);
 *                         waiting for the customer: the deadline of the customer's answer
 * @param unsettledPurpose on hold: the attempt whose outcome the provider never gave; it is tried again under the same
 *                         idempotency key, so a charge the provider took but did not report is never taken twice
 * @param firstFailureAt   when collecting this invoice first failed, for either reason
 */
public record Dunning(BillingPeriod period, String invoiceId, long amountDueMinor, Instant firstDeclineAt,
                      int scheduledRetries, int retries, String reason, Instant holdUntil, String unsettledPurpose,
                      Instant firstFailureAt, int attempts) {

    public static final String DECLINED = "declined";
    /** The charge {@code unsettledPurpose} waits for the customer to authenticate it until {@code holdUntil}. */
    public static final String AUTHENTICATION_REQUIRED = "authentication_required";

    public Dunning(BillingPeriod period, String invoiceId, long amountDueMinor, Instant firstDeclineAt,
                   int scheduledRetries, int retries) {
        this(period, invoiceId, amountDueMinor, firstDeclineAt, scheduledRetries, retries, DECLINED, null, null,
                firstDeclineAt, retries + 1);
    }

    /** The charge of {@code unsettledPurpose} waits for the customer. */
    public boolean awaitingCustomer() {
        return AUTHENTICATION_REQUIRED.equals(reason);
    }

    public boolean onHold() {
        return holdUntil != null;
    }

    public int attemptsSoFar() {
        return attempts > 0 ? attempts : retries + 1;
    }

    /** Why collecting failed last: {@code declined} or {@code gateway_unavailable}. */
    public String issue() {
        return reason == null ? DECLINED : reason;
    }
}
