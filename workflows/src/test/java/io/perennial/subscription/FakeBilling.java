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
    /** Refunds drawn on a period, by refund key, as the payment activities book them (see {@link #refund}). */
    private final Map<String, Given> refunds = new LinkedHashMap<>();

    private record Given(String subscriptionId, int period, long amountMinor) {
    }

    @Override
    public synchronized long returnableOfPeriod(String subscriptionId, int period) {
        return left(subscriptionId, period);
    }

    /**
     * Books a refund of a period as the PostgreSQL ledger does: at most what the period can still give back (its
     * refunds, pause and plan-change credit count) and at most {@code capturedLeft}; once per key.
     */
    synchronized long refund(String refundKey, String subscriptionId, int period, long asked, long capturedLeft) {
        Given earlier = refunds.get(refundKey);
        if (earlier != null) {
            return earlier.amountMinor();
        }
        long amount = Math.max(0, Math.min(asked, Math.min(capturedLeft, left(subscriptionId, period))));
        if (amount > 0) {
            refunds.put(refundKey, new Given(subscriptionId, period, amount));
        }
        return amount;
    }

    /** What a period was sold for (its paid invoices' lines but credit) less what it gave back, never negative. */
    private long left(String subscriptionId, int period) {
        long paid = 0;
        long returned = 0;
        String prefix = subscriptionId + ":";
        for (IssuedInvoice invoice : invoicesByKey.values()) {
            if (!invoice.invoiceKey().startsWith(prefix)) {
                continue;
            }
            int invoicePeriod = Integer.parseInt(invoice.invoiceKey().split(":")[1]);
            for (InvoiceLine line : invoice.lines()) {
                if (line.kind() == InvoiceLineKind.PRORATION_CREDIT) {
                    if (invoice.status() != InvoiceStatus.VOID && line.sourcePeriod() != null
                            && line.sourcePeriod() == period) {
                        returned -= line.amountMinor();
                    }
                } else if (line.kind() != InvoiceLineKind.ACCOUNT_CREDIT && invoicePeriod == period
                        && invoice.status() == InvoiceStatus.PAID) {
                    paid += line.amountMinor();
                }
            }
        }
        for (CreditGrant grant : grants.values()) {
            if (subscriptionId.equals(grant.subscriptionId()) && grant.sourcePeriod() == period) {
                returned += grant.amountMinor();
            }
        }
        for (Given given : refunds.values()) {
            if (given.subscriptionId().equals(subscriptionId) && given.period() == period) {
                returned += given.amountMinor();
            }
        }
        return Math.max(0, paid - returned);
    }

    @Override
    public synchronized IssuedInvoice issueInvoice(InvoiceDraft draft) {
        IssuedInvoice existing = invoicesByKey.get(draft.invoiceKey());
        if (existing != null) {
            return existing;
        }
        // As the ledger does: a proration credit gives back no more than its period has left to give back.
        List<InvoiceLine> lines = new ArrayList<>();
        for (InvoiceLine line : draft.lines()) {
            if (line.kind() == InvoiceLineKind.PRORATION_CREDIT && line.sourcePeriod() != null) {
                long credit = Math.min(-line.amountMinor(), left(draft.subscriptionId(), line.sourcePeriod()));
                if (credit > 0) {
                    lines.add(new InvoiceLine(line.kind(), line.description(), -credit, line.sourcePeriod()));
                }
            } else {
                lines.add(line);
            }
        }
        long subtotal = lines.stream().mapToLong(InvoiceLine::amountMinor).sum();
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
        if (grants.containsKey(grant.grantKey())) {
            return;
        }
        long amount = grant.subscriptionId() == null ? grant.amountMinor()
                : Math.min(grant.amountMinor(), left(grant.subscriptionId(), grant.sourcePeriod()));
        if (amount > 0) {
            grants.put(grant.grantKey(), new CreditGrant(grant.grantKey(), grant.customerId(), amount,
                    grant.currency(), grant.reason(), grant.businessTime(), grant.subscriptionId(),
                    grant.sourcePeriod()));
            creditBalance.merge(grant.customerId(), amount, Long::sum);
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
