package io.perennial.subscription;

import io.perennial.billing.CouponTerms;
import io.perennial.order.ShippingAddress;
import io.perennial.risk.RiskReview;
import io.perennial.risk.RiskReviewStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The subscription as its workflow keeps it: everything one run hands to the next when it continues as new, grouped
 * by concern (like samples-java's {@code ClusterManagerState}). Nothing in it depends on the run, so charges and
 * invoices keep the keys they would have had in one long run.
 *
 * <p>Mutable on purpose: it is the workflow's own state, changed by its handlers under the workflow lock and never
 * shared outside the workflow; Jackson writes and reads its public fields. A run started from a carry-over written
 * before this class existed ({@link SubscriptionCarryOver}) is converted by
 * {@link SubscriptionCarryOver#toSubscription(ShippingAddress)}. Keep {@code get}/{@code is} methods off these
 * classes: Jackson would write them as properties
 * that the next run cannot read back.
 */
public final class Subscription {

    public SubscriptionStatus status;
    /** The plan whose price the current and next periods bill. */
    public PlanTerms plan;
    public String paymentMethod;
    /** Where the boxes of a physical plan go; null when none was given. */
    public ShippingAddress shippingAddress;
    public Instant startedAt;
    public Instant trialEnd;
    /** How invoices are paid; null (states from before it existed): charged automatically. */
    public CollectionTerms collection;
    /** The run of the workflow that holds this state, 1 for the first. */
    public int runs;
    /** Grows with every change, so an older write of the read model never overwrites a newer one. */
    public long revision;
    public BillingPosition billing = new BillingPosition();
    public Arrears arrears = new Arrears();
    public PendingChanges pending = new PendingChanges();
    public Discounts discounts = new Discounts();
    public Reminders reminders = new Reminders();
    public BoxChanges boxes = new BoxChanges();
    /** The first charge's risk review ({@link FirstChargeRiskReview}); null when none was taken. */
    public RiskReview risk;
    /** Units of the plan and add-ons each period bills; states from before they existed read as one unit. */
    public SubscriptionItems items = SubscriptionItems.ONE;

    /** Where billing stands: the schedule's anchor, the period being served, and what it is worth. */
    public static final class BillingPosition {
        /** Start of the current billing schedule (the trial end, or the last resume). */
        public Instant anchor;
        /** The number of the schedule's first period; numbers keep growing across re-anchoring. */
        public int anchorPeriod;
        public BillingPeriod currentPeriod;
        /** Access until: end of the trial or of the last paid period; moved back when access ends early. */
        public Instant paidThrough;
        /**
         * What the current period is worth to the customer: the plan price less the coupon's discount on it; null in
         * states from before it was kept (then the plan's price).
         */
        public Long periodValueMinor;
        /**
         * The coupon that discounted the current period's invoice, so a change within the period is discounted alike
         * ({@link PlanChanges}); null when none did, or in states from before it was kept.
         */
        public CouponTerms periodCoupon;
    }

    /** An overdue invoice being collected, and how many charges failed since the last one that succeeded. */
    public static final class Arrears {
        public Dunning dunning;
        public int failedPaymentCount;
        /**
         * {@code {period}:{purpose}} of a charge the customer has answered (authenticated or refused) at the provider;
         * the charge waiting for the customer under it is settled next. Kept even when the answer comes first.
         */
        public String answeredCharge;
        /** The period's invoice sent to the customer ({@link CollectionMethod#SEND_INVOICE}), awaiting payment. */
        public AwaitedInvoice sentInvoice;
        /** Id of an invoice somebody reported paid ({@link InvoicePaymentNotice}); the ledger is asked next. */
        public String paymentNoticed;
    }

    /** Cancel, pause and plan changes: those asked for at period end, and those in effect. */
    public static final class PendingChanges {
        public boolean cancelAtPeriodEnd;
        public String cancelReason;
        public Instant canceledAt;
        public boolean pauseAtPeriodEnd;
        public Instant pausedAt;
        public Instant resumeAt;
        /** A downgrade or a price migration that takes effect at the end of the current period. */
        public PlanTerms scheduledPlan;
        /** How many immediate plan or item changes were charged; the next is {@code change-{planChanges + 1}}. */
        public int planChanges;
        /** A decrease of the quantity or add-ons that takes effect at the end of the current period. */
        public SubscriptionItems scheduledItems;
        /** A change whose charge waits for the customer to authenticate it; applied only once paid. */
        public AwaitedPlanChange awaitedChange;
    }

    /** The coupon discounting the next invoices, and the referral reward this subscription earned its referrer. */
    public static final class Discounts {
        public CouponTerms coupon;
        /** Invoices the coupon still discounts; -1 for ever. */
        public int couponInvoicesLeft;
        /** The period whose invoice earned the referrer's reward; 0 until then. */
        public int referralPeriod;
    }

    /** Which reminder was sent last, so none is sent twice. */
    public static final class Reminders {
        public String lastSent;
    }

    /** A physical plan's next box skipped or delayed ({@link NextBoxes}), and a paid box waiting for its start. */
    public static final class BoxChanges {
        /** The period that is not billed and ships nothing. */
        public BillingPeriod skip;
        /** The period whose box starts late, at {@code delayUntil}. */
        public BillingPeriod delay;
        public Instant delayUntil;
        public DelayedBox waiting;
    }

    /** A new subscription, begun at {@code now}: in trial when the plan has one, else active from now. */
    static Subscription begin(PlanTerms plan, String paymentMethod, ShippingAddress shippingAddress, Instant now) {
        Subscription s = new Subscription();
        s.startedAt = now;
        s.trialEnd = plan.trialEndFrom(now);
        s.status = s.trialEnd != null ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
        s.plan = plan;
        s.paymentMethod = paymentMethod;
        s.shippingAddress = shippingAddress;
        s.billing.anchor = s.trialEnd != null ? s.trialEnd : now;
        s.billing.anchorPeriod = 1;
        s.billing.paidThrough = s.billing.anchor;
        s.runs = 1;
        s.revision = 1;
        return s;
    }

    /** The state a run continued with, as the next run begins: one run and one revision later. */
    Subscription continued() {
        runs++;
        revision++;
        return this;
    }

    void changed() {
        revision++;
    }

    /** An overdue invoice is being collected: past due, or suspended once dunning was used up. */
    boolean inArrears() {
        return status == SubscriptionStatus.PAST_DUE || status == SubscriptionStatus.SUSPENDED;
    }

    /** Each invoice is sent to the customer, who pays it by its due date, instead of being charged. */
    boolean sendsInvoices() {
        return collection != null && collection.sendsInvoices();
    }

    /** A payment was reported for the invoice the subscription waits for (sent, or overdue). */
    boolean invoicePaymentNoticed() {
        String noticed = arrears.paymentNoticed;
        if (noticed == null) {
            return false;
        }
        AwaitedInvoice sent = arrears.sentInvoice;
        Dunning overdue = arrears.dunning;
        return (sent != null && noticed.equals(sent.invoiceId()))
                || (overdue != null && overdue.invoiceOverdue() && noticed.equals(overdue.invoiceId()));
    }

    /** What a period of {@code terms} costs this subscription before discounts: plan × quantity, plus add-ons. */
    long priceOf(PlanTerms terms) {
        return items.priceWith(terms);
    }

    /** The plan as a paid period ships it: its box times the quantity. */
    PlanTerms shippedPlan() {
        return plan.boxTimes(items.quantity());
    }

    /** The items the next invoice bills: scheduled ones once they take effect, else the current ones. */
    SubscriptionItems billedItems() {
        return pending.scheduledItems != null ? pending.scheduledItems : items;
    }

    /** The plan the next invoice bills: a scheduled one once it takes effect, else the current one. */
    PlanTerms billedPlan() {
        return pending.scheduledPlan != null ? pending.scheduledPlan : plan;
    }

    /**
     * What the current period is worth to the customer, the basis of pause credit, refunds and upgrade credit: the
     * period's price less the coupon's discount, so a discounted period never returns more than it cost.
     */
    long periodValue() {
        return billing.periodValueMinor != null
                ? Math.min(billing.periodValueMinor, priceOf(plan)) : priceOf(plan);
    }

    /** Ends the subscription now: access runs to now at most, and nothing is pending any more. */
    void endCanceled(Instant now) {
        status = SubscriptionStatus.CANCELED;
        pending.canceledAt = now;
        if (billing.paidThrough.isAfter(now)) {
            billing.paidThrough = now;
        }
        pending.cancelAtPeriodEnd = false;
        pending.pauseAtPeriodEnd = false;
        pending.scheduledPlan = null;
        pending.scheduledItems = null;
        if (pending.cancelReason == null) {
            pending.cancelReason = "customer_request";
        }
        changed();
    }

    /**
     * The first charge's outcome is known: paid, declined (dunning, or ended), or waiting for the customer. A
     * provider that does not answer (a hold) is not an outcome yet; a trial has no first charge.
     */
    boolean firstChargeKnown() {
        if (risk != null && risk.status() == RiskReviewStatus.IN_REVIEW) {
            // Held for a person's decision, which may take days: the answer now is that it waits.
            return true;
        }
        return switch (status) {
            case TRIALING, CANCELED, PAUSED, SUSPENDED -> true;
            case ACTIVE -> billing.currentPeriod != null && !currentPeriodBeingCharged();
            case PAST_DUE -> arrears.dunning != null
                    && (arrears.dunning.awaitingCustomer() || !arrears.dunning.onHold());
        };
    }

    /**
     * The current period's charge is in flight: the period is set before its invoice is issued, and access reaches
     * its end once paid. A period sent as an invoice, or worth nothing (skipped), has no charge in flight.
     */
    private boolean currentPeriodBeingCharged() {
        return billing.paidThrough.isBefore(billing.currentPeriod.end()) && arrears.sentInvoice == null
                && !Long.valueOf(0).equals(billing.periodValueMinor);
    }

    /** Period {@code number} of the current schedule; numbers keep growing when a resume re-anchors billing. */
    BillingPeriod schedulePeriod(int number) {
        BillingPeriod relative = new BillingSchedule(billing.anchor, plan.interval())
                .period(number - billing.anchorPeriod + 1);
        return new BillingPeriod(number, relative.start(), relative.end());
    }

    // ---- when things are due (pure: the state and the dunning schedule) ---------------------------------

    /** When the main loop has something to do next, or null when it waits only for a signal or update. */
    Instant nextEventAt(DunningSchedule schedule) {
        return switch (status) {
            case TRIALING -> trialEnd;
            case ACTIVE -> arrears.sentInvoice != null ? sentInvoiceDueAt() : periodDueAt();
            case PAST_DUE, SUSPENDED -> nextRetryAt(schedule);
            case PAUSED -> pending.resumeAt;
            case CANCELED -> null;
        };
    }

    /** The sent invoice's due date, or at once when a payment was reported for it. */
    private Instant sentInvoiceDueAt() {
        AwaitedInvoice sent = arrears.sentInvoice;
        return invoicePaymentNoticed() ? sent.period().start() : sent.dueAt();
    }

    /** The end of the current period; the anchor while the first period of a plan without trial is being billed. */
    Instant periodDueAt() {
        return billing.currentPeriod == null ? billing.anchor : billing.currentPeriod.end();
    }

    Instant nextRetryAt(DunningSchedule schedule) {
        Dunning dunning = arrears.dunning;
        if (dunning == null) {
            return null;
        }
        if (dunning.awaitingCustomer() && customerAnswered()) {
            return dunning.firstFailureAt();
        }
        if (dunning.invoiceOverdue() && invoicePaymentNoticed()) {
            return dunning.firstFailureAt();
        }
        if (dunning.onHold()) {
            return dunning.holdUntil();
        }
        return dunning.waitsForNewPaymentMethod() ? dunningEndsAt(dunning, schedule) : dunningSlotAt(dunning, schedule);
    }

    /**
     * The schedule's last slot: after a hard decline nothing is tried before it (unless a new card or ops ask), and
     * then the subscription is canceled. Null when the schedule has no retry at all, or is used up.
     */
    static Instant dunningEndsAt(Dunning overdue, DunningSchedule schedule) {
        List<Duration> offsets = schedule.retryOffsets();
        return overdue.firstDeclineAt() == null || overdue.scheduledRetries() >= offsets.size() ? null
                : overdue.firstDeclineAt().plus(offsets.get(offsets.size() - 1));
    }

    /** How many scheduled slots have come by {@code at}: those a hard decline let pass count as used. */
    static int dunningSlotsPassed(Dunning overdue, DunningSchedule schedule, Instant at) {
        if (overdue.firstDeclineAt() == null) {
            return overdue.scheduledRetries();
        }
        int passed = 0;
        for (Duration offset : schedule.retryOffsets()) {
            if (!at.isBefore(overdue.firstDeclineAt().plus(offset))) {
                passed++;
            }
        }
        return Math.max(passed, overdue.scheduledRetries());
    }

    /** The charge waiting for the customer has been answered, so it can settle now. */
    boolean customerAnswered() {
        Dunning dunning = arrears.dunning;
        return dunning != null && dunning.awaitingCustomer()
                && (dunning.period().number() + ":" + dunning.unsettledPurpose()).equals(arrears.answeredCharge);
    }

    /** The customer answered the charge of the change that waits for them. */
    boolean changeAnswered() {
        AwaitedPlanChange awaited = pending.awaitedChange;
        return awaited != null && awaited.charge().equals(arrears.answeredCharge);
    }

    /** The customer's action the subscription waits for, or null. */
    NextAction nextAction(String subscriptionId) {
        AwaitedPlanChange awaited = pending.awaitedChange;
        if (awaited != null) {
            return changeAnswered() ? null : new NextAction(NextAction.AUTHENTICATE_PAYMENT,
                    subscriptionId + ":" + awaited.charge(), awaited.expiresAt());
        }
        Dunning dunning = arrears.dunning;
        if (dunning == null || !dunning.awaitingCustomer() || customerAnswered()) {
            return null;
        }
        return new NextAction(NextAction.AUTHENTICATE_PAYMENT,
                subscriptionId + ":" + dunning.period().number() + ":" + dunning.unsettledPurpose(), dunning.holdUntil());
    }

    /** The next scheduled dunning retry after a decline, or null when the schedule is used up (or nothing declined). */
    static Instant dunningSlotAt(Dunning overdue, DunningSchedule schedule) {
        List<Duration> offsets = schedule.retryOffsets();
        return overdue.firstDeclineAt() != null && overdue.scheduledRetries() < offsets.size()
                ? overdue.firstDeclineAt().plus(offsets.get(overdue.scheduledRetries())) : null;
    }

    Instant nextBillingAt(DunningSchedule schedule) {
        return switch (status) {
            case TRIALING -> pending.cancelAtPeriodEnd ? null : trialEnd;
            case ACTIVE -> pending.cancelAtPeriodEnd || pending.pauseAtPeriodEnd ? null : periodDueAt();
            case PAST_DUE, SUSPENDED -> nextRetryAt(schedule);
            case PAUSED -> pending.resumeAt;
            case CANCELED -> null;
        };
    }

    /** The live state as the query answers it and the read model stores it. */
    SubscriptionState view(String subscriptionId, String customerId, DunningSchedule schedule) {
        PlanTerms scheduled = pending.scheduledPlan;
        Dunning dunning = arrears.dunning;
        CouponTerms coupon = discounts.coupon;
        return new SubscriptionState(subscriptionId, customerId, plan.planId(), status, startedAt,
                trialEnd, billing.currentPeriod, nextBillingAt(schedule), pending.cancelAtPeriodEnd,
                pending.canceledAt, pending.cancelReason, arrears.failedPaymentCount, revision, priceOf(plan),
                plan.currency(), billing.paidThrough, nextRetryAt(schedule), pending.pauseAtPeriodEnd,
                pending.pausedAt, pending.resumeAt, scheduled == null ? null : scheduled.planId(),
                coupon == null ? null : coupon.code(), coupon == null ? null : discounts.couponInvoicesLeft,
                plan.version(), scheduled == null ? null : scheduled.version(),
                dunning == null ? null : dunning.issue(), dunning == null ? null : dunning.firstFailureAt(),
                dunning == null ? null : dunning.attemptsSoFar(), shippingAddress, nextAction(subscriptionId),
                NextBoxes.view(this), items.quantity(), items.addOns(), pending.scheduledItems,
                risk == null || risk.status() == RiskReviewStatus.PASSED ? null : risk.status());
    }
}
