package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.BillingFailures;
import io.perennial.billing.CouponRedemption;
import io.perennial.billing.CouponTerms;
import io.perennial.billing.CreditClawback;
import io.perennial.billing.CreditGrant;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.temporal.failure.ApplicationFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Invoices and account credit in memory, with the same rules as the PostgreSQL implementation. */
final class FakeBilling implements BillingActivities {
    private final Map<String, IssuedInvoice> invoicesByKey = new LinkedHashMap<>();
    private final Map<String, CreditGrant> grants = new LinkedHashMap<>();
    private final Map<String, Long> creditBalance = new LinkedHashMap<>();
    private final Map<String, Long> clawbacks = new LinkedHashMap<>();
    private final Map<String, CouponTerms> coupons = new LinkedHashMap<>();
    private final Map<String, CouponRedemption> redemptions = new LinkedHashMap<>();

    @Override
    public synchronized IssuedInvoice issueInvoice(InvoiceDraft draft) {
        IssuedInvoice existing = invoicesByKey.get(draft.invoiceKey());
        if (existing != null) {
            return existing;
        }
        List<InvoiceLine> lines = new ArrayList<>(draft.lines());
        long subtotal = draft.subtotalMinor();
        long balance = creditBalance.getOrDefault(draft.customerId(), 0L);
        long applied = draft.applyAccountCredit() ? Math.min(balance, subtotal) : 0;
        if (applied > 0) {
            lines.add(new InvoiceLine(InvoiceLineKind.ACCOUNT_CREDIT, "Account credit", -applied));
            creditBalance.put(draft.customerId(), balance - applied);
        }
        long total = subtotal - applied;
        IssuedInvoice invoice = new IssuedInvoice("inv-" + draft.invoiceKey(), draft.invoiceKey(),
                "INV-" + (invoicesByKey.size() + 1), draft.currency(), lines, total,
                total == 0 ? InvoiceStatus.PAID : InvoiceStatus.OPEN);
        invoicesByKey.put(draft.invoiceKey(), invoice);
        return invoice;
    }

    @Override
    public synchronized void closeUnpaidInvoice(String invoiceId, InvoiceStatus status) {
        replace(invoiceId, status, InvoiceStatus.OPEN);
    }

    @Override
    public synchronized void grantAccountCredit(CreditGrant grant) {
        if (grants.putIfAbsent(grant.grantKey(), grant) == null) {
            creditBalance.merge(grant.customerId(), grant.amountMinor(), Long::sum);
        }
    }

    @Override
    public synchronized long clawBackCredit(CreditClawback clawback) {
        Long done = clawbacks.get(clawback.clawbackKey());
        if (done != null) {
            return done;
        }
        CreditGrant grant = grants.get(clawback.grantKey());
        long taken = grant == null ? 0 : Math.min(grant.amountMinor(), creditBalance(grant.customerId()));
        if (taken > 0) {
            creditBalance.merge(grant.customerId(), -taken, Long::sum);
        }
        clawbacks.put(clawback.clawbackKey(), taken);
        return taken;
    }

    @Override
    public synchronized CouponTerms redeemCoupon(CouponRedemption redemption) {
        CouponTerms terms = coupons.get(redemption.code().toUpperCase());
        if (terms == null) {
            throw ApplicationFailure.newNonRetryableFailure("No coupon " + redemption.code() + " exists.",
                    BillingFailures.COUPON_REJECTED);
        }
        redemptions.putIfAbsent(redemption.redemptionKey(), redemption);
        return terms;
    }

    FakeBilling coupon(CouponTerms terms) {
        coupons.put(terms.code(), terms);
        return this;
    }

    synchronized List<CouponRedemption> redemptions() {
        return List.copyOf(redemptions.values());
    }

    synchronized void markPaid(String invoiceId) {
        replace(invoiceId, InvoiceStatus.PAID, InvoiceStatus.OPEN);
    }

    private void replace(String invoiceId, InvoiceStatus to, InvoiceStatus from) {
        invoicesByKey.replaceAll((key, invoice) -> invoice.invoiceId().equals(invoiceId) && invoice.status() == from
                ? new IssuedInvoice(invoice.invoiceId(), invoice.invoiceKey(), invoice.number(), invoice.currency(),
                invoice.lines(), invoice.totalMinor(), to)
                : invoice);
    }

    synchronized List<IssuedInvoice> invoices() {
        return List.copyOf(invoicesByKey.values());
    }

    synchronized IssuedInvoice invoice(String key) {
        return invoicesByKey.get(key);
    }

    synchronized long creditBalance(String customerId) {
        return creditBalance.getOrDefault(customerId, 0L);
    }

    synchronized List<CreditGrant> grants() {
        return List.copyOf(grants.values());
    }
}
