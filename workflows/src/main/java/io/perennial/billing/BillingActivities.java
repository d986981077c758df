package io.perennial.billing;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Invoices and account credit in PostgreSQL. Every method is idempotent by its business key. */
@ActivityInterface
public interface BillingActivities {
    /** Issues the invoice for a draft, once per invoice key; a second call returns the invoice already issued. */
    @ActivityMethod(name = "IssueInvoice")
    IssuedInvoice issueInvoice(InvoiceDraft draft);

    /** Closes an OPEN invoice without payment ({@link InvoiceStatus#VOID} or {@link InvoiceStatus#UNCOLLECTIBLE}). */
    @ActivityMethod(name = "CloseUnpaidInvoice")
    void closeUnpaidInvoice(String invoiceId, InvoiceStatus status);

    /**
     * What a period of a subscription can still give back: what it was sold for less the refunds, pause credit and
     * plan-change credit already given for it. A plan change asks before it credits the period's unused time.
     */
    @ActivityMethod(name = "ReturnableOfPeriod")
    long returnableOfPeriod(String subscriptionId, int period);

    /**
     * Adds account credit, once per grant key; credit from a paid period ({@link CreditGrant#subscriptionId()}) is
     * granted only out of what the period can still give back.
     */
    @ActivityMethod(name = "GrantAccountCredit")
    void grantAccountCredit(CreditGrant grant);

    /**
     * Takes back what is left unspent of a grant, once per clawback key; returns the amount taken back (0 when the
     * grant is unknown or already spent).
     */
    @ActivityMethod(name = "ClawBackCredit")
    long clawBackCredit(CreditClawback clawback);

    /**
     * Redeems a coupon for a subscription, once per redemption key (a repeat returns the same terms without counting
     * again). Throws a non-retryable {@code ApplicationFailure} of type {@link BillingFailures#COUPON_REJECTED} with
     * a message a customer can read when the code is unknown, inactive, expired at the business time, has no
     * redemptions left, or is an amount off in another currency.
     */
    @ActivityMethod(name = "RedeemCoupon")
    CouponTerms redeemCoupon(CouponRedemption redemption);
}
