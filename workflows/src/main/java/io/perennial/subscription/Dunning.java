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
 * @param hardDeclineCode  the last attempt was a hard decline ({@code DeclineCodes#isHard}): retrying the same card
 *                         cannot succeed, so no scheduled retry is made; the invoice waits for a new payment method
 *                         (or an ops retry) until the schedule's last slot, then the subscription is canceled. Null
 *                         otherwise, and in states from before {@link EngineChanges#HARD_DECLINES}
 */
public record Dunning(BillingPeriod period, String invoiceId, long amountDueMinor, Instant firstDeclineAt,
                      int scheduledRetries, int retries, String reason, Instant holdUntil, String unsettledPurpose,
                      Instant firstFailureAt, int attempts, String hardDeclineCode) {

    public static final String DECLINED = "declined";
    /** The charge {@code unsettledPurpose} waits for the customer to authenticate it until {@code holdUntil}. */
    public static final String AUTHENTICATION_REQUIRED = "authentication_required";
    /**
     * A sent invoice ({@link CollectionMethod#SEND_INVOICE}) passed its due date unpaid: the schedule's slots, counted
     * from the due date, send reminders instead of charging, and the last one ends the subscription.
     */
    public static final String INVOICE_OVERDUE = "invoice_overdue";
    /** The issue shown while a hard decline waits for a new payment method. */
    public static final String PAYMENT_METHOD_UNUSABLE = "payment_method_unusable";

    public Dunning(BillingPeriod period, String invoiceId, long amountDueMinor, Instant firstDeclineAt,
                   int scheduledRetries, int retries, String reason, Instant holdUntil, String unsettledPurpose,
                   Instant firstFailureAt, int attempts) {
        this(period, invoiceId, amountDueMinor, firstDeclineAt, scheduledRetries, retries, reason, holdUntil,
                unsettledPurpose, firstFailureAt, attempts, null);
    }

    public Dunning(BillingPeriod period, String invoiceId, long amountDueMinor, Instant firstDeclineAt,
                   int scheduledRetries, int retries) {
        this(period, invoiceId, amountDueMinor, firstDeclineAt, scheduledRetries, retries, DECLINED, null, null,
                firstDeclineAt, retries + 1, null);
    }

    /** This state, waiting for a new payment method after a hard decline with {@code code} (null: not waiting). */
    public Dunning withHardDecline(String code) {
        return new Dunning(period, invoiceId, amountDueMinor, firstDeclineAt, scheduledRetries, retries, reason,
                holdUntil, unsettledPurpose, firstFailureAt, attempts, code);
    }

    public boolean waitsForNewPaymentMethod() {
        return hardDeclineCode != null;
    }

    /** The charge of {@code unsettledPurpose} waits for the customer. */
    public boolean awaitingCustomer() {
        return AUTHENTICATION_REQUIRED.equals(reason);
    }

    /** A sent invoice is overdue: nothing is charged, the customer is reminded. */
    public boolean invoiceOverdue() {
        return INVOICE_OVERDUE.equals(reason);
    }

    public boolean onHold() {
        return holdUntil != null;
    }

    public int attemptsSoFar() {
        return attempts > 0 ? attempts : retries + 1;
    }

    /** Why collecting failed last: {@code declined}, {@code payment_method_unusable}, {@code gateway_unavailable} or
     * {@code authentication_required}. */
    public String issue() {
        if (hardDeclineCode != null) {
            return PAYMENT_METHOD_UNUSABLE;
        }
        return reason == null ? DECLINED : reason;
    }
}
