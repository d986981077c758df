package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.CouponTerms;
import io.perennial.billing.CreditGrant;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.billing.Proration;
import io.perennial.subscription.InvoiceCollection.Outcome;
import io.perennial.subscription.InvoiceCollection.Patience;
import io.perennial.temporal.ActivityStubs;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.perennial.temporal.BusinessTime.now;

/**
 * Moves a subscription to another plan, to a new version of its plan, or to other items (a quantity, add-ons: see
 * {@link ItemChanges}). Downgrades and decreases wait for the period end unless asked for now; anything else is one
 * invoice (credit for the unused time of what the period bills, charge for what it bills after the change) and the
 * change applies only once it is paid. What a change would cost is a pure function of the state ({@link #quote}).
 */
final class PlanChanges {

    private static final Logger log = Workflow.getLogger(PlanChanges.class);

    private final BillingActivities billing = ActivityStubs.database(BillingActivities.class);
    private final SubscriptionStart start;
    private final Subscription s;
    private final ThisRun thisRun;
    private final InvoiceCollection collection;
    private final PlanChangeAuthentication authentication;

    PlanChanges(SubscriptionStart start, Subscription s, ThisRun thisRun, InvoiceCollection collection) {
        this.start = start;
        this.s = s;
        this.thisRun = thisRun;
        this.collection = collection;
        this.authentication = new PlanChangeAuthentication(start, s, collection, this::applyPaid);
    }

    /** The change that waits for the customer to authenticate its charge, if any. */
    PlanChangeAuthentication authentication() {
        return authentication;
    }

    /**
     * Downgrades (same interval, not dearer) wait for the period end; everything else applies now. During a trial
     * or a pause nothing is charged: the new plan is simply what later periods bill.
     */
    static PlanChangeQuote quote(Subscription s, PlanTerms to, Instant now) {
        return quote(s, Move.toPlan(to, s), now, Long.MAX_VALUE, true);
    }

    /**
     * What a move costs now: nothing during a trial or a pause; nothing now for a move to the same interval that
     * costs no more per period (it waits for the period end), unless it asks for now; else the unused time of the
     * period is credited and the rest of the period (or a new period, for another interval) charged at the new
     * price, less the coupon ({@link #couponOf}) when {@code couponOnChanges}.
     */
    static PlanChangeQuote quote(Subscription s, Move move, Instant now, long returnable, boolean couponOnChanges) {
        PlanTerms plan = s.plan;
        PlanTerms to = move.plan();
        if (s.status != SubscriptionStatus.ACTIVE) {
            return new PlanChangeQuote(plan.planId(), to.planId(), PlanChangeTiming.IMMEDIATELY, now, plan.currency(),
                    0, 0, 0, 0, 0);
        }
        BillingPeriod current = s.billing.currentPeriod;
        boolean sameInterval = to.interval().equals(plan.interval());
        long price = move.items().priceWith(to);
        // With the same items this is the plan's own price compared: a*q + addOns <= b*q + addOns iff a <= b.
        if (sameInterval && !move.decreaseNow() && price <= s.priceOf(plan)) {
            return new PlanChangeQuote(plan.planId(), to.planId(), PlanChangeTiming.AT_PERIOD_END, current.end(),
                    plan.currency(), 0, 0, 0, 0, 0);
        }
        long credit = Math.min(Proration.unusedShare(s.periodValue(), current, now), Math.max(0, returnable));
        long value = valueWith(couponOnChanges ? couponOf(s, sameInterval) : null, price);
        // Each share is rounded on its own, so the discount is what separates the two: gross - charge.
        long gross = sameInterval ? Proration.unusedShare(price, current, now) : price;
        long charge = sameInterval ? Proration.unusedShare(value, current, now) : value;
        return new PlanChangeQuote(plan.planId(), to.planId(), PlanChangeTiming.IMMEDIATELY, now, plan.currency(),
                credit, charge, Math.max(0, charge - credit), Math.max(0, credit - charge), gross - charge);
    }

    /**
     * The coupon that discounts what a move charges: within the period, the one that discounted the period's invoice
     * (a coupon that has since run out included: the period was sold with it); for a new period (another interval),
     * the subscription's coupon while it has invoices left, as a renewal would use it.
     */
    static CouponTerms couponOf(Subscription s, boolean sameInterval) {
        if (sameInterval) {
            return s.billing.periodCoupon;
        }
        return s.discounts.couponInvoicesLeft != 0 ? s.discounts.coupon : null;
    }

    /** What a period billing {@code price} is worth to the customer with {@code coupon} (null: none). */
    private static long valueWith(CouponTerms coupon, long price) {
        return coupon == null ? price : price - coupon.discountOn(price);
    }

    /** What the change would cost now; nothing changes. */
    PlanChangeQuote preview(PlanTerms to) {
        return quoteNow(Move.toPlan(to, s));
    }

    PlanChangeResult change(PlanTerms to) {
        return move(Move.toPlan(to, s));
    }

    /** What moving to {@code move} would cost now; nothing changes. */
    PlanChangeQuote preview(Move move) {
        return quoteNow(move);
    }

    /** Moves now, charged or credited as quoted, or schedules the move for the period end. */
    PlanChangeResult move(Move move) {
        PlanChangeQuote quote = quoteNow(move);
        if (quote.timing() == PlanChangeTiming.AT_PERIOD_END) {
            if (move.ofPlan()) {
                s.pending.scheduledPlan = move.plan().planId().equals(s.plan.planId()) ? null : move.plan();
            } else {
                s.pending.scheduledItems = move.items().equals(s.items) ? null : move.items();
            }
            s.changed();
            return new PlanChangeResult(quote, null, start.stateOf(s));
        }
        if (s.status != SubscriptionStatus.ACTIVE) {
            apply(move);
            s.changed();
            return new PlanChangeResult(quote, null, start.stateOf(s));
        }
        return chargeNow(move, quote);
    }

    /**
     * Where a subscription goes: a plan with items. A plan change keeps the items, an item change keeps the plan
     * (and a downgrade scheduled for the period end).
     *
     * @param decreaseNow a move that costs less applies now, with its credit, instead of at the period end
     * @param ofPlan      a plan change (else a change of items)
     */
    record Move(PlanTerms plan, SubscriptionItems items, boolean decreaseNow, boolean ofPlan) {
        static Move toPlan(PlanTerms to, Subscription s) {
            return new Move(to, s.items, false, true);
        }

        static Move toItems(SubscriptionItems items, boolean decreaseNow, Subscription s) {
            return new Move(s.plan, items, decreaseNow, false);
        }
    }

    private void apply(Move move) {
        if (move.ofPlan()) {
            s.plan = move.plan();
            s.pending.scheduledPlan = null;
        } else {
            s.items = move.items();
            s.pending.scheduledItems = null;
        }
    }

    /**
     * The quote at this moment. A change that would credit unused time first asks the ledger what the period can
     * still give back (ops may have refunded it meanwhile, outside this workflow), then quotes at the time it got
     * the answer.
     */
    private PlanChangeQuote quoteNow(Move move) {
        boolean couponOnChanges = couponOnChanges();
        PlanChangeQuote quote = quote(s, move, now(), Long.MAX_VALUE, couponOnChanges);
        if (quote.creditMinor() > 0 && Workflow.getVersion(EngineChanges.PERIOD_RETURNS, Workflow.DEFAULT_VERSION, 1) == 1) {
            long returnable = billing.returnableOfPeriod(start.subscriptionId(), s.billing.currentPeriod.number());
            quote = quote(s, move, now(), returnable, couponOnChanges);
        }
        return quote;
    }

    /** Whether a change's charge is discounted by the coupon; before, it was always charged in full. */
    private static boolean couponOnChanges() {
        return Workflow.getVersion(EngineChanges.COUPON_ON_CHANGES, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /** A new version of the same plan: the period already invoiced keeps its price. */
    void migrate(PlanTerms to) {
        if (s.status == SubscriptionStatus.ACTIVE || s.inArrears()) {
            s.pending.scheduledPlan = to;
        } else {
            // Nothing is billed during a trial or a pause: the next invoice is the first at the new price.
            s.plan = to;
            s.pending.scheduledPlan = null;
        }
        log.info("Plan {} migrates from version {} to {}", s.plan.planId(), s.plan.version(), to.version());
        s.changed();
    }

    /** Credit for the unused old plan and items, charge for the new ones, one invoice; applied only once paid. */
    private PlanChangeResult chargeNow(Move move, PlanChangeQuote quote) {
        PlanTerms to = move.plan();
        s.pending.planChanges++;
        String purpose = "change-" + s.pending.planChanges;
        int creditedPeriod = s.billing.currentPeriod.number();
        boolean sameInterval = to.interval().equals(s.plan.interval());
        BillingPeriod period = sameInterval ? s.billing.currentPeriod
                : new BillingPeriod(s.billing.currentPeriod.number() + 1, now(),
                        new BillingSchedule(now(), to.interval()).period(1).end());
        String key = PeriodBilling.invoiceKey(start, period, purpose);
        long creditOnInvoice = quote.creditMinor() - quote.accountCreditMinor();
        CouponTerms coupon = quote.discountMinor() > 0 ? couponOf(s, sameInterval) : null;
        List<InvoiceLine> lines = new ArrayList<>();
        if (creditOnInvoice > 0) {
            lines.add(new InvoiceLine(InvoiceLineKind.PRORATION_CREDIT, "Unused time on " + describe(s.plan, s.items),
                    -creditOnInvoice, creditedPeriod));
        }
        lines.add(new InvoiceLine(InvoiceLineKind.PRORATION_CHARGE, describe(to, move.items()) + " from " + now(),
                quote.chargeMinor() + quote.discountMinor()));
        if (coupon != null) {
            lines.add(new InvoiceLine(InvoiceLineKind.DISCOUNT, "Coupon " + coupon.code(), -quote.discountMinor()));
        }
        IssuedInvoice invoice = billing.issueInvoice(new InvoiceDraft(key, start.subscriptionId(),
                start.customerId(), period.number(), s.plan.currency(), now(), period.end(), lines, true, now()));
        Patience patience = invoice.status() != InvoiceStatus.PAID
                && Workflow.getVersion(EngineChanges.PLAN_CHANGE_ONE_ATTEMPT, Workflow.DEFAULT_VERSION, 1) == 1
                ? Patience.ONE_ATTEMPT : Patience.UNTIL_ANSWERED;
        boolean customerMayAct = patience == Patience.ONE_ATTEMPT
                && Workflow.getVersion(EngineChanges.PLAN_CHANGE_AUTHENTICATION, Workflow.DEFAULT_VERSION, 1) == 1;
        Outcome outcome = collection.collect(invoice.invoiceId(), invoice.status(), invoice.totalMinor(), period,
                purpose, patience, customerMayAct);
        if (outcome == Outcome.NEEDS_CUSTOMER) {
            return authentication.await(move, quote, invoice.invoiceId(), invoice.totalMinor(), period, purpose);
        }
        if (outcome == Outcome.UNAVAILABLE) {
            // The customer is told it failed: nothing may collect this invoice later, and money the attempt may
            // have taken is given back, so a late success at the provider cannot apply the change.
            billing.closeUnpaidInvoice(invoice.invoiceId(), InvoiceStatus.VOID);
            collection.giveBackWhatTheVoidedInvoiceTook(invoice.invoiceId(), period.number());
            s.changed();
            throw ApplicationFailure.newNonRetryableFailure(
                    "The payment provider did not answer; the plan did not change and nothing was charged.",
                    SubscriptionFailures.PLAN_CHANGE_UNAVAILABLE);
        }
        if (outcome != Outcome.PAID) {
            billing.closeUnpaidInvoice(invoice.invoiceId(), InvoiceStatus.VOID);
            s.changed();
            throw ApplicationFailure.newNonRetryableFailure(
                    "The charge for the plan change was declined; the plan did not change.",
                    SubscriptionFailures.PLAN_CHANGE_DECLINED);
        }
        applyPaid(move, quote, key, creditedPeriod, period, sameInterval);
        return new PlanChangeResult(quote, invoice.invoiceId(), start.stateOf(s));
    }

    /** A change that waited for the customer is paid: it applies as it was quoted. */
    private void applyPaid(AwaitedPlanChange paid) {
        Move move = new Move(paid.plan(), paid.items(), false, paid.ofPlan());
        applyPaid(move, paid.quote(), PeriodBilling.invoiceKey(start, paid.period(), paid.purpose()),
                s.billing.currentPeriod.number(), paid.period(), paid.plan().interval().equals(s.plan.interval()));
    }

    private void applyPaid(Move move, PlanChangeQuote quote, String key, int creditedPeriod, BillingPeriod period,
                           boolean sameInterval) {
        if (quote.accountCreditMinor() > 0) {
            billing.grantAccountCredit(CreditGrant.fromPeriod(key + ":credit", start.customerId(),
                    quote.accountCreditMinor(), s.plan.currency(), "plan_change_credit", now(),
                    start.subscriptionId(), creditedPeriod));
        }
        if (!sameInterval) {
            s.billing.anchor = period.start();
            s.billing.anchorPeriod = period.number();
            s.billing.currentPeriod = period;
            thisRun.periods++;
        }
        apply(move);
        valueTheChangedPeriod(quote, sameInterval);
        s.billing.paidThrough = s.billing.currentPeriod.end();
        s.changed();
    }

    /**
     * What the period is worth after a paid change: its price less the coupon the change was quoted with. A new
     * period (another interval) used one of the coupon's invoices, as a renewal does. Before
     * {@link EngineChanges#COUPON_ON_CHANGES} the change was charged in full and the period worth its price.
     */
    private void valueTheChangedPeriod(PlanChangeQuote quote, boolean sameInterval) {
        long price = s.priceOf(s.plan);
        s.billing.periodValueMinor = price;
        CouponTerms coupon = quote.discountMinor() > 0 ? couponOf(s, sameInterval) : null;
        if (coupon == null) {
            s.billing.periodCoupon = null;
            return;
        }
        s.billing.periodValueMinor = valueWith(coupon, price);
        s.billing.periodCoupon = coupon;
        Subscription.Discounts discounts = s.discounts;
        if (!sameInterval && discounts.couponInvoicesLeft > 0 && --discounts.couponInvoicesLeft == 0) {
            discounts.coupon = null;
        }
    }

    /** A plan with its items as an invoice line names it: "Team × 5 + Priority support × 2"; one unit, the name. */
    private static String describe(PlanTerms plan, SubscriptionItems items) {
        StringBuilder text = new StringBuilder(plan.name()).append(PeriodBilling.times(items.quantity()));
        for (AddOnItem addOn : items.addOns()) {
            text.append(" + ").append(addOn.name()).append(PeriodBilling.times(addOn.quantity()));
        }
        return text.toString();
    }
}
