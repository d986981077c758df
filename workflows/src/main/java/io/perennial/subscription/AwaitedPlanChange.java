package io.perennial.subscription;

import java.time.Instant;

/**
 * A plan or item change whose charge waits for the customer to authenticate it (Stripe's
 * {@code pending_if_incomplete}): the subscription stays on what it had until the charge is paid. Its invoice is
 * open, its payment {@code REQUIRES_ACTION} under the key {@code {subscriptionId}:{period}:{purpose}}.
 *
 * @param quote     the change as quoted when it was asked for: what it credits and charges, applied as is when paid
 * @param period    the period the change's invoice bills (the current one, or a new one for another interval)
 * @param expiresAt the customer's deadline; the change is dropped at the period end if that comes first
 */
public record AwaitedPlanChange(PlanTerms plan, SubscriptionItems items, boolean ofPlan, PlanChangeQuote quote,
                                String invoiceId, long amountDueMinor, BillingPeriod period, String purpose,
                                Instant expiresAt) {

    /** The charge's key without the subscription's id, as {@code Arrears#answeredCharge} holds an answer. */
    String charge() {
        return period.number() + ":" + purpose;
    }
}
