package io.perennial.billing;

import io.perennial.customer.BillingProfiles;
import jakarta.inject.Singleton;

import java.util.UUID;

/** Invoices, account credit and coupons in PostgreSQL; each method is idempotent by its business key. */
@Singleton
public class BillingActivitiesImpl implements BillingActivities {

    private final InvoiceIssuer issuer;
    private final AccountCreditLedger credit;
    private final CouponRedeemer coupons;
    private final PeriodReturns periods;
    private final BillingProfiles profiles;

    public BillingActivitiesImpl(InvoiceIssuer issuer, AccountCreditLedger credit, CouponRedeemer coupons,
                                 PeriodReturns periods, BillingProfiles profiles) {
        this.profiles = profiles;
        this.issuer = issuer;
        this.credit = credit;
        this.coupons = coupons;
        this.periods = periods;
    }

    @Override
    public long returnableOfPeriod(String subscriptionId, int period) {
        return periods.returnable(UUID.fromString(subscriptionId), period);
    }

    /**
     * A company's VAT id the registry could not verify when it was saved is asked about again first, outside the
     * issuing transaction (the registry is an outside system); the invoice is then taxed with what it said.
     */
    @Override
    public IssuedInvoice issueInvoice(InvoiceDraft draft) {
        profiles.reverifyUnverified(UUID.fromString(draft.customerId()), draft.issuedAt());
        return issuer.issue(draft).issued();
    }

    /** Closing a paid or already closed invoice changes nothing; {@code closed_at} is the system time. */
    @Override
    public void closeUnpaidInvoice(String invoiceId, InvoiceStatus status) {
        issuer.close(UUID.fromString(invoiceId), status);
    }

    @Override
    public void grantAccountCredit(CreditGrant grant) {
        credit.grant(grant);
    }

    @Override
    public long clawBackCredit(CreditClawback clawback) {
        return credit.clawBack(clawback);
    }

    @Override
    public CouponTerms redeemCoupon(CouponRedemption redemption) {
        return coupons.redeem(redemption);
    }
}
