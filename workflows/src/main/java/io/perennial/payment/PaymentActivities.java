package io.perennial.payment;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface PaymentActivities {

    /**
     * Charges one attempt of a billing period, at most once per idempotency key. Used by subscriptions started
     * before invoices existed (the skeleton engine); newer runs use {@link #chargeInvoice}.
     * A decline is an {@code ApplicationFailure} of type {@link PaymentFailures#PAYMENT_DECLINED} (not retried);
     * gateway timeouts and 5xx are thrown as retryable errors.
     */
    @ActivityMethod(name = "ChargeRenewal")
    ChargeReceipt chargeRenewal(RenewalCharge charge);

    /**
     * Charges one attempt to collect an invoice, at most once per idempotency key, and marks the invoice paid.
     * An invoice already paid is never charged again. Failures as for {@link #chargeRenewal}.
     */
    @ActivityMethod(name = "ChargeInvoice")
    ChargeReceipt chargeInvoice(InvoiceCharge charge);

    /**
     * Issues a period's invoice (once per invoice key, as {@code IssueInvoice}) and charges it (once per idempotency
     * key, as {@link #chargeInvoice}) in one activity: one task and one round trip per renewal instead of two. Both
     * halves are idempotent, so a retried attempt finds the invoice issued and the key charged. A decline is returned
     * in {@link CollectedInvoice#decline()}; gateway timeouts and 5xx are thrown as retryable errors, as for
     * {@link #chargeInvoice}.
     */
    @ActivityMethod(name = "IssueAndChargeInvoice")
    CollectedInvoice issueAndCharge(InvoiceToCollect invoice);

    /** Refunds part of a period's payment through the gateway, at most once per refund key. */
    @ActivityMethod(name = "RefundPayment")
    RefundReceipt refund(RefundRequest request);

    /**
     * For an invoice already voided: asks the provider about each of its charges still in doubt (by the charge's
     * key), stores the answer, and gives back in full whatever the provider took, under the refund key
     * {@code {chargeKey}:void-refund}. Never fails because the provider is down: what it cannot ask now is counted
     * as left in doubt, for the reconciliation sweep.
     */
    @ActivityMethod(name = "SettleVoidedInvoice")
    VoidedInvoiceSettlement settleVoidedInvoice(VoidedInvoice invoice);
}
