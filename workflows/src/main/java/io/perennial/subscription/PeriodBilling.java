package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.IssuedInvoice;
import io.perennial.subscription.InvoiceCollection.Outcome;
import io.perennial.subscription.InvoiceCollection.Patience;
import io.perennial.temporal.ActivityStubs;
import io.temporal.workflow.Workflow;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.perennial.temporal.BusinessTime.now;

/**
 * Bills a period: issues its invoice (the plan's price, less the coupon while it lasts) and collects it. Paid, the
 * period's {@link Entitlements} follow; a decline starts dunning and a provider outage a hold ({@link DunningRetries}).
 */
final class PeriodBilling {

    private final BillingActivities billing = ActivityStubs.database(BillingActivities.class);
    private final SubscriptionStart start;
    private final Subscription s;
    private final ThisRun thisRun;
    private final InvoiceCollection collection;
    private final Entitlements entitlements;
    private final DunningRetries dunning;
    private final SentInvoices sentInvoices;
    private final NextBoxes nextBoxes;

    PeriodBilling(SubscriptionStart start, Subscription s, ThisRun thisRun, InvoiceCollection collection,
                  Entitlements entitlements, DunningRetries dunning, SentInvoices sentInvoices, NextBoxes nextBoxes) {
        this.nextBoxes = nextBoxes;
        this.sentInvoices = sentInvoices;
        this.start = start;
        this.s = s;
        this.thisRun = thisRun;
        this.collection = collection;
        this.entitlements = entitlements;
        this.dunning = dunning;
    }

    void bill(BillingPeriod period) {
        thisRun.periods++;
        if (nextBoxes.skips(period)) {
            nextBoxes.skip(period);
            s.changed();
            return;
        }
        s.billing.currentPeriod = period;
        InvoiceDraft draft = draft(period, "renewal", periodLines(period));
        IssuedInvoice invoice;
        Outcome outcome;
        if (issuesAndChargesAtOnce()) {
            InvoiceCollection.Issued issued = collection.issueAndCollect(draft, period, "renewal");
            invoice = issued.invoice();
            outcome = issued.outcome();
        } else {
            invoice = billing.issueInvoice(draft);
            if (sentInvoices.sends(invoice)) {
                sentInvoices.send(period, invoice);
                s.changed();
                return;
            }
            outcome = collection.collect(invoice.invoiceId(), invoice.status(), invoice.totalMinor(), period,
                    "renewal", Patience.RETRY_WINDOW);
        }
        switch (outcome) {
            case PAID -> entitlements.paid(period, invoice.totalMinor());
            case DECLINED -> dunning.declined(period, invoice);
            case UNAVAILABLE -> dunning.onHold(period, invoice);
            case NEEDS_CUSTOMER -> dunning.awaitCustomer(period, invoice, "renewal");
        }
        s.changed();
    }

    /**
     * The period's invoice is issued and charged in one activity ({@link EngineChanges#ISSUE_AND_CHARGE}): asked only
     * by subscriptions charged automatically, and only where renewals are held after the retry window (a run that
     * charged before holds existed keeps waiting until the provider answers).
     */
    private boolean issuesAndChargesAtOnce() {
        return !s.sendsInvoices()
                && Workflow.getVersion(EngineChanges.ISSUE_AND_CHARGE, Workflow.DEFAULT_VERSION, 1) == 1
                && Workflow.getVersion(EngineChanges.GATEWAY_HOLD, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /** Billing starts again after a pause: a new schedule anchored now, its first period numbered on. */
    void resume() {
        s.pending.pausedAt = null;
        s.pending.resumeAt = null;
        s.billing.anchor = now();
        s.billing.anchorPeriod = s.billing.currentPeriod == null ? 1 : s.billing.currentPeriod.number() + 1;
        bill(s.schedulePeriod(s.billing.anchorPeriod));
    }

    /**
     * The plan's price times the quantity for the period, and each add-on's, less the coupon on their sum while it
     * lasts. Uses up one of the coupon's invoices, and sets what the period is worth to the customer: call once per
     * invoice issued.
     */
    private List<InvoiceLine> periodLines(BillingPeriod period) {
        List<InvoiceLine> lines = new ArrayList<>();
        lines.add(planLine(period));
        for (AddOnItem addOn : s.items.addOns()) {
            lines.add(new InvoiceLine(InvoiceLineKind.ADD_ON, addOn.name() + times(addOn.quantity()) + ", period "
                    + period.number(), addOn.totalMinor()));
        }
        long price = s.priceOf(s.plan);
        s.billing.periodValueMinor = price;
        s.billing.periodCoupon = null;
        Subscription.Discounts discounts = s.discounts;
        if (discounts.coupon != null && discounts.couponInvoicesLeft != 0) {
            long off = discounts.coupon.discountOn(price);
            if (off > 0) {
                lines.add(new InvoiceLine(InvoiceLineKind.DISCOUNT, "Coupon " + discounts.coupon.code(), -off));
                s.billing.periodValueMinor = price - off;
                s.billing.periodCoupon = discounts.coupon;
            }
            if (discounts.couponInvoicesLeft > 0 && --discounts.couponInvoicesLeft == 0) {
                discounts.coupon = null;
            }
        }
        return lines;
    }

    private InvoiceLine planLine(BillingPeriod period) {
        return new InvoiceLine(InvoiceLineKind.PLAN, s.plan.name() + times(s.items.quantity()) + ", period "
                + period.number() + " (" + period.start().atZone(ZoneOffset.UTC).toLocalDate() + " to "
                + period.end().atZone(ZoneOffset.UTC).toLocalDate() + ")", s.items.planTotal(s.plan));
    }

    /** " × 3" after the name of a line billing 3 units; nothing for one unit, as lines read before quantities. */
    static String times(int quantity) {
        return quantity == 1 ? "" : " \u00d7 " + quantity;
    }

    private InvoiceDraft draft(BillingPeriod period, String purpose, List<InvoiceLine> lines) {
        return new InvoiceDraft(invoiceKey(start, period, purpose), start.subscriptionId(), start.customerId(),
                period.number(), s.plan.currency(), period.start(), period.end(), lines, true, now());
    }

    /** An invoice's idempotency key from business identity: {@code {subscriptionId}:{period}:{purpose}}. */
    static String invoiceKey(SubscriptionStart start, BillingPeriod period, String purpose) {
        return start.subscriptionId() + ":" + period.number() + ":" + purpose;
    }
}
