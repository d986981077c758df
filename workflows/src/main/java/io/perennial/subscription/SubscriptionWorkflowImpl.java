package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.fulfilment.BoxActivities;
import io.perennial.fulfilment.BoxDue;
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
import io.perennial.billing.Proration;
import io.perennial.notification.CustomerNotification;
import io.perennial.notification.NotificationActivities;
import io.perennial.order.ShippingAddress;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.RetryPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static io.perennial.temporal.BusinessTime.earliest;
import static io.perennial.temporal.BusinessTime.now;

/**
 * The life of one subscription as a state machine over TRIALING, ACTIVE, PAST_DUE, PAUSED and CANCELED
 * (docs/billing.md has the diagram). The main loop sleeps until the next due moment (trial end, period end,
 * next dunning retry, auto-resume) and acts; updates and signals change the state in between. Every money move
 * runs under one {@link WorkflowLock}, so a renewal and a plan change never interleave. All time comes from the
 * workflow clock, so the test clock moves the whole system.
 */
public class SubscriptionWorkflowImpl implements SubscriptionWorkflow {

    /** Subscriptions started before this version run {@link SkeletonLifecycle} to the end. */
    static final String ENGINE_CHANGE = "lifecycle-engine";
    /** Physical plans record each paid period's box as due (an activity the first engine never called). */
    static final String BOXES_CHANGE = "subscription-boxes";
    /** Physical plans with an address ship each paid period's box as a child order (see {@link BoxOrders}). */
    static final String BOX_ORDERS_CHANGE = "subscription-box-orders";
    /** Renewal charges give up after the gateway retry window and put the renewal on hold. */
    static final String GATEWAY_HOLD_CHANGE = "gateway-hold";

    private static final Logger log = Workflow.getLogger(SubscriptionWorkflowImpl.class);

    private final PaymentActivities payments = ActivityStubs.remote(PaymentActivities.class, RetryPolicies.GATEWAY);
    private final SubscriptionRecordActivities records = ActivityStubs.database(SubscriptionRecordActivities.class);
    private final BillingActivities billing = ActivityStubs.database(BillingActivities.class);
    private final NotificationActivities notifications = ActivityStubs.database(NotificationActivities.class);
    private final BoxActivities boxes = ActivityStubs.database(BoxActivities.class);

    private PaymentActivities boundedPayments;

    private final SubscriptionStart start;
    private final SkeletonLifecycle skeleton;
    private Boolean onSkeleton;
    private final WorkflowLock lock = Workflow.newWorkflowLock();

    /** The subscription itself, handed to the next run when this one continues as new. */
    private final Subscription s;
    private int periodsThisRun;
    private boolean retryRequested;
    private long recordedRevision;
    private SubscriptionStatus publishedStatus;
    private Instant publishedNextBillingAt;
    private int publishedFailedPaymentCount = -1;
    private String publishedPlanId;

    @WorkflowInit
    public SubscriptionWorkflowImpl(SubscriptionStart start) {
        this.start = start;
        this.skeleton = new SkeletonLifecycle(start, payments, records);
        Subscription handedOver = start.handedOver();
        this.s = handedOver != null ? handedOver : Subscription.begin(start, now());
    }

    @Override
    public SubscriptionState run(SubscriptionStart ignored) {
        if (onSkeleton()) {
            return skeleton.run();
        }
        if (start.firstRun() && start.couponCode() != null) {
            redeemAtSignup(start.couponCode());
        }
        while (true) {
            publish();
            if (s.status == SubscriptionStatus.CANCELED) {
                return state();
            }
            if (periodsThisRun >= start.periodsPerRun() || Workflow.getInfo().isContinueAsNewSuggested()) {
                // Hand over only between handlers, so no update or signal is cut off mid-way.
                Workflow.await(Workflow::isEveryHandlerFinished);
                if (s.status == SubscriptionStatus.CANCELED) {
                    continue;
                }
                if (!ready()) {
                    publish();
                    log.info("Continuing as new after {} periods in run {}", periodsThisRun, s.runs);
                    Workflow.continueAsNew(start.continuedWith(s));
                }
                // Something is due now (a renewal, a retry asked for during the hand-over): do it first, then
                // hand over on the next pass. Looping back without acting would spin without ever yielding.
            }
            if (sendDueReminder()) {
                continue;
            }
            if (!ready()) {
                long seen = s.revision;
                Instant due = earliest(nextEventAt(), nextReminderAt());
                if (due == null) {
                    Workflow.await(() -> s.revision != seen || retryRequested);
                } else {
                    Workflow.await(Duration.between(now(), due), () -> s.revision != seen || retryRequested);
                }
                continue;
            }
            lock.lock();
            try {
                if (ready()) {
                    act();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- the state machine ------------------------------------------------------------------------------

    /** When the main loop has something to do next, or null when it waits only for a signal or update. */
    private Instant nextEventAt() {
        return switch (s.status) {
            case TRIALING -> s.trialEnd;
            case ACTIVE -> periodDueAt();
            case PAST_DUE -> nextRetryAt();
            case PAUSED -> s.pending.resumeAt;
            case CANCELED -> null;
        };
    }

    private boolean ready() {
        Instant due = nextEventAt();
        return (due != null && !now().isBefore(due)) || (s.status == SubscriptionStatus.PAST_DUE && retryRequested);
    }

    private void act() {
        switch (s.status) {
            case TRIALING -> endTrial();
            case ACTIVE -> endPeriod();
            case PAST_DUE -> retryOverdue();
            case PAUSED -> resumeNow();
            case CANCELED -> {
            }
        }
    }

    private void endTrial() {
        if (s.pending.cancelAtPeriodEnd) {
            endCanceled();
            return;
        }
        billPeriod(schedulePeriod(s.billing.anchorPeriod));
    }

    private void endPeriod() {
        BillingPeriod ended = s.billing.currentPeriod;
        if (ended == null) {
            // No trial: the first period starts with the subscription.
            billPeriod(schedulePeriod(s.billing.anchorPeriod));
            return;
        }
        if (s.pending.cancelAtPeriodEnd) {
            endCanceled();
            return;
        }
        if (s.pending.scheduledPlan != null) {
            log.info("Downgrade to {} takes effect after period {}", s.pending.scheduledPlan.planId(), ended.number());
            s.plan = s.pending.scheduledPlan;
            s.pending.scheduledPlan = null;
        }
        if (s.pending.pauseAtPeriodEnd) {
            s.pending.pauseAtPeriodEnd = false;
            s.status = SubscriptionStatus.PAUSED;
            s.pending.pausedAt = ended.end();
            changed();
            return;
        }
        billPeriod(schedulePeriod(ended.number() + 1));
    }

    /** Issues the period's invoice and collects it; a decline starts dunning, a provider outage a hold. */
    private void billPeriod(BillingPeriod period) {
        s.billing.currentPeriod = period;
        periodsThisRun++;
        IssuedInvoice invoice = billing.issueInvoice(draft(period, "renewal", periodLines(period)));
        switch (collect(invoice.invoiceId(), invoice.status(), invoice.totalMinor(), period, "renewal", true)) {
            case PAID -> paid(period, invoice.totalMinor());
            case DECLINED -> {
                s.status = SubscriptionStatus.PAST_DUE;
                s.arrears.dunning = new Dunning(period, invoice.invoiceId(), invoice.totalMinor(), now(), 0, 0);
                if (nextRetryAt() == null) {
                    exhaustDunning();
                }
            }
            case UNAVAILABLE -> {
                s.status = SubscriptionStatus.PAST_DUE;
                s.arrears.dunning = new Dunning(period, invoice.invoiceId(), invoice.totalMinor(), null, 0, 0,
                        PaymentFailures.GATEWAY_UNAVAILABLE, now().plus(start.dunning().gatewayHold()), "renewal",
                        now(), 1);
            }
        }
        changed();
    }

    private void retryOverdue() {
        retryRequested = false;
        Dunning overdue = s.arrears.dunning;
        // A scheduled dunning slot is used up by the attempt made once its time has come (a hold may delay it).
        boolean scheduled = overdue.firstDeclineAt() != null && !now().isBefore(dunningSlotAt(overdue));
        boolean again = overdue.unsettledPurpose() != null;
        int retries = again ? overdue.retries() : overdue.retries() + 1;
        String purpose = again ? overdue.unsettledPurpose() : "dunning-" + retries;
        switch (collect(overdue.invoiceId(), InvoiceStatus.OPEN, overdue.amountDueMinor(), overdue.period(), purpose,
                true)) {
            case PAID -> {
                s.arrears.dunning = null;
                paid(overdue.period(), overdue.amountDueMinor());
                notifyCustomer(overdue.period().number() + ":recovered", "payment_recovered",
                        Map.of("period", String.valueOf(overdue.period().number()),
                                "amountMinor", String.valueOf(overdue.amountDueMinor()), "currency", s.plan.currency()));
            }
            case DECLINED -> {
                Instant firstDecline = overdue.firstDeclineAt() != null ? overdue.firstDeclineAt() : now();
                s.arrears.dunning = new Dunning(overdue.period(), overdue.invoiceId(), overdue.amountDueMinor(), firstDecline,
                        overdue.scheduledRetries() + (scheduled ? 1 : 0), retries, Dunning.DECLINED, null, null,
                        overdue.firstFailureAt() != null ? overdue.firstFailureAt() : firstDecline,
                        overdue.attemptsSoFar() + 1);
                if (nextRetryAt() == null) {
                    exhaustDunning();
                }
            }
            case UNAVAILABLE -> s.arrears.dunning = new Dunning(overdue.period(), overdue.invoiceId(), overdue.amountDueMinor(),
                    overdue.firstDeclineAt(), overdue.scheduledRetries(), retries,
                    PaymentFailures.GATEWAY_UNAVAILABLE, now().plus(start.dunning().gatewayHold()), purpose,
                    overdue.firstFailureAt() != null ? overdue.firstFailureAt() : now(), overdue.attemptsSoFar() + 1);
        }
        changed();
    }

    private void exhaustDunning() {
        log.info("Dunning exhausted for period {}; canceling", s.arrears.dunning.period().number());
        billing.closeUnpaidInvoice(s.arrears.dunning.invoiceId(), InvoiceStatus.UNCOLLECTIBLE);
        s.pending.cancelReason = "payment_failed";
        endCanceled();
        notifyCustomer("canceled", "subscription_canceled", Map.of("reason", s.pending.cancelReason));
    }

    private void paid(BillingPeriod period, long amountChargedMinor) {
        s.status = SubscriptionStatus.ACTIVE;
        s.arrears.failedPaymentCount = 0;
        s.billing.paidThrough = period.end();
        if (s.plan.physical() && Workflow.getVersion(BOXES_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1) {
            boxes.recordBoxDue(new BoxDue(start.subscriptionId(), start.customerId(), period.number(),
                    s.plan.planId(), s.plan.version(), s.plan.box(), period.start(), period.end(), now()));
            if (Workflow.getVersion(BOX_ORDERS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1) {
                shipBox(period, amountChargedMinor);
            }
        }
        ReferralReward referral = start.referral();
        if (referral != null && s.discounts.referralPeriod == 0 && amountChargedMinor > 0) {
            // The first invoice with money on it qualifies; a fully discounted one earns the referrer nothing.
            s.discounts.referralPeriod = period.number();
            billing.grantAccountCredit(new CreditGrant(referralGrantKey(), referral.referrerCustomerId(),
                    referral.amountMinor(), s.plan.currency(), "referral", now()));
        }
    }

    /** Starts the period's box order; a subscription from before addresses were asked for only records it as due. */
    private void shipBox(BillingPeriod period, long amountChargedMinor) {
        if (s.shippingAddress == null) {
            log.warn("Period {} of {} is paid but the subscription has no shipping address; its box is only "
                    + "recorded as due", period.number(), start.subscriptionId());
            return;
        }
        BoxOrders.ship(start, s.plan, period, amountChargedMinor, s.paymentMethod, s.shippingAddress, now());
    }

    /** The plan's price for the period, less the coupon while it lasts. */
    private List<InvoiceLine> periodLines(BillingPeriod period) {
        List<InvoiceLine> lines = new ArrayList<>();
        lines.add(planLine(period));
        s.billing.periodValueMinor = s.plan.amountMinor();
        if (s.discounts.coupon != null && s.discounts.couponInvoicesLeft != 0) {
            long off = s.discounts.coupon.discountOn(s.plan.amountMinor());
            if (off > 0) {
                lines.add(new InvoiceLine(InvoiceLineKind.DISCOUNT, "Coupon " + s.discounts.coupon.code(), -off));
                s.billing.periodValueMinor = s.plan.amountMinor() - off;
            }
            if (s.discounts.couponInvoicesLeft > 0 && --s.discounts.couponInvoicesLeft == 0) {
                s.discounts.coupon = null;
            }
        }
        return lines;
    }

    private void redeemAtSignup(String code) {
        try {
            redeem(code);
        } catch (ApplicationFailure rejected) {
            // The API checks the code before starting; one that went bad since is dropped, not fatal.
            log.warn("Coupon {} given at sign-up was not applied: {}", code, rejected.getOriginalMessage());
        }
    }

    private void redeem(String code) {
        String normalized = code.trim().toUpperCase(Locale.ROOT);
        try {
            CouponTerms terms = billing.redeemCoupon(new CouponRedemption(
                    start.subscriptionId() + ":coupon:" + normalized, normalized, start.subscriptionId(),
                    start.customerId(), s.plan.currency(), now()));
            s.discounts.coupon = terms;
            s.discounts.couponInvoicesLeft = terms.invoices();
            changed();
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause
                    && BillingFailures.COUPON_REJECTED.equals(cause.getType())) {
                throw ApplicationFailure.newNonRetryableFailure(cause.getOriginalMessage(),
                        BillingFailures.COUPON_REJECTED);
            }
            throw failure;
        }
    }

    private String referralGrantKey() {
        return "referral:" + start.subscriptionId();
    }

    enum Collection { PAID, DECLINED, UNAVAILABLE }

    /**
     * Collects an invoice. A decline is told to the customer. With {@code mayHold}, a provider that stays down for
     * the gateway retry window comes back as UNAVAILABLE (subscriptions started before holds existed, and plan
     * changes, keep retrying until the provider answers).
     */
    private Collection collect(String invoiceId, InvoiceStatus invoiceStatus, long amountDueMinor,
                               BillingPeriod period, String purpose, boolean mayHold) {
        if (invoiceStatus == InvoiceStatus.PAID) {
            return Collection.PAID;
        }
        boolean hold = mayHold && Workflow.getVersion(GATEWAY_HOLD_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
        InvoiceCharge charge = new InvoiceCharge(invoiceId, start.subscriptionId(), start.customerId(),
                period.number(), purpose, amountDueMinor, s.plan.currency(), s.paymentMethod, now());
        try {
            (hold ? boundedPayments() : payments).chargeInvoice(charge);
            return Collection.PAID;
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause
                    && PaymentFailures.PAYMENT_DECLINED.equals(cause.getType())) {
                s.arrears.failedPaymentCount++;
                log.info("Charge {} of period {} declined", purpose, period.number());
                notifyCustomer(period.number() + ":" + purpose + ":declined", "payment_failed",
                        Map.of("period", String.valueOf(period.number()), "amountMinor", String.valueOf(amountDueMinor),
                                "currency", s.plan.currency(), "attempt", purpose));
                return Collection.DECLINED;
            }
            if (hold && providerDown(failure)) {
                log.warn("Payment provider unavailable for charge {} of period {}; on hold", purpose, period.number());
                return Collection.UNAVAILABLE;
            }
            throw failure;
        }
    }

    /** The retry window ran out (a timeout), or the last attempt was a 5xx or timeout of the provider. */
    private static boolean providerDown(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof TimeoutFailure) {
            return true;
        }
        return cause instanceof ApplicationFailure application
                && (PaymentFailures.GATEWAY_UNAVAILABLE.equals(application.getType())
                    || PaymentFailures.GATEWAY_TIMEOUT.equals(application.getType()));
    }

    /** Charges that give up after the gateway retry window instead of retrying for as long as it takes. */
    private PaymentActivities boundedPayments() {
        if (boundedPayments == null) {
            boundedPayments = Workflow.newActivityStub(PaymentActivities.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setScheduleToCloseTimeout(start.dunning().gatewayRetryWindow())
                    .setRetryOptions(RetryPolicies.GATEWAY)
                    .build());
        }
        return boundedPayments;
    }

    private void resumeNow() {
        s.pending.pausedAt = null;
        s.pending.resumeAt = null;
        s.billing.anchor = now();
        s.billing.anchorPeriod = s.billing.currentPeriod == null ? 1 : s.billing.currentPeriod.number() + 1;
        billPeriod(schedulePeriod(s.billing.anchorPeriod));
    }

    private void endCanceled() {
        s.status = SubscriptionStatus.CANCELED;
        s.pending.canceledAt = now();
        if (s.billing.paidThrough.isAfter(s.pending.canceledAt)) {
            s.billing.paidThrough = s.pending.canceledAt;
        }
        s.pending.cancelAtPeriodEnd = false;
        s.pending.pauseAtPeriodEnd = false;
        s.pending.scheduledPlan = null;
        if (s.pending.cancelReason == null) {
            s.pending.cancelReason = "customer_request";
        }
        changed();
    }

    // ---- updates and signals ----------------------------------------------------------------------------

    @Override
    public void cancel(CancelRequest request) {
        if (onSkeleton()) {
            skeleton.cancel(request);
            return;
        }
        if (s.status != SubscriptionStatus.CANCELED) {
            cancelSubscription(request);
        }
    }

    @Override
    public void validateCancel(CancelRequest request) {
        requireCurrentEngine();
        if (s.status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is already canceled.");
        }
    }

    @Override
    public SubscriptionState cancelSubscription(CancelRequest request) {
        lock.lock();
        try {
            if (s.status == SubscriptionStatus.CANCELED) {
                return state();
            }
            s.pending.cancelReason = request.reason();
            boolean runsOut = s.status == SubscriptionStatus.ACTIVE || s.status == SubscriptionStatus.TRIALING;
            if (request.timing() == CancelTiming.AT_PERIOD_END && runsOut) {
                s.pending.cancelAtPeriodEnd = true;
                s.pending.pauseAtPeriodEnd = false;
                changed();
                return state();
            }
            // Now, or nothing paid is left to run out (past due, paused).
            if (request.refundUnused() && s.status == SubscriptionStatus.ACTIVE && s.billing.currentPeriod != null) {
                refundUnused();
            }
            if (s.status == SubscriptionStatus.PAST_DUE) {
                billing.closeUnpaidInvoice(s.arrears.dunning.invoiceId(), InvoiceStatus.VOID);
                s.arrears.dunning = null;
            }
            endCanceled();
            return state();
        } finally {
            lock.unlock();
        }
    }

    private void refundUnused() {
        long unused = Proration.unusedShare(periodValue(), s.billing.currentPeriod, now());
        if (unused > 0) {
            RefundReceipt refund = payments.refund(new RefundRequest(
                    start.subscriptionId() + ":" + s.billing.currentPeriod.number() + ":cancel-refund", start.subscriptionId(),
                    s.billing.currentPeriod.number(), unused, s.plan.currency(), "prorated_cancellation", now()));
            log.info("Refunded {} {} of period {}", refund.amountMinor(), refund.currency(), s.billing.currentPeriod.number());
            if (refund.amountMinor() > 0 && s.discounts.referralPeriod == s.billing.currentPeriod.number()) {
                long taken = billing.clawBackCredit(new CreditClawback(referralGrantKey() + ":clawback",
                        referralGrantKey(), "qualifying_invoice_refunded", now()));
                log.info("Referral reward clawed back: {} {}", taken, s.plan.currency());
            }
        }
    }

    @Override
    public void validateUncancel() {
        requireCurrentEngine();
        if (!s.pending.cancelAtPeriodEnd || s.status == SubscriptionStatus.CANCELED) {
            throw rejected("Only a cancellation at period end that has not taken effect can be undone.");
        }
    }

    @Override
    public SubscriptionState uncancel() {
        s.pending.cancelAtPeriodEnd = false;
        s.pending.cancelReason = null;
        changed();
        return state();
    }

    @Override
    public void validatePause(PauseRequest request) {
        requireCurrentEngine();
        if (s.status != SubscriptionStatus.ACTIVE) {
            throw rejected(switch (s.status) {
                case TRIALING -> "A trial cannot be paused; cancel it instead.";
                case PAST_DUE -> "A past-due subscription cannot be paused; update the payment method or cancel.";
                case PAUSED -> "The subscription is already paused.";
                default -> "The subscription is canceled.";
            });
        }
        if (s.pending.cancelAtPeriodEnd) {
            throw rejected("The subscription cancels at period end; undo the cancellation first.");
        }
        if (s.pending.pauseAtPeriodEnd) {
            throw rejected("The subscription already pauses at period end.");
        }
        requireBilledPeriod();
        Instant pausesAt = request.timing() == PauseTiming.IMMEDIATELY ? now() : s.billing.currentPeriod.end();
        if (request.resumeAt() != null && !request.resumeAt().isAfter(pausesAt)) {
            throw rejected("resumeAt must be after the pause begins (" + pausesAt + ").");
        }
    }

    @Override
    public SubscriptionState pause(PauseRequest request) {
        lock.lock();
        try {
            s.pending.resumeAt = request.resumeAt();
            if (request.timing() == PauseTiming.AT_PERIOD_END) {
                s.pending.pauseAtPeriodEnd = true;
                changed();
                return state();
            }
            long unused = Proration.unusedShare(periodValue(), s.billing.currentPeriod, now());
            if (unused > 0) {
                billing.grantAccountCredit(new CreditGrant(
                        start.subscriptionId() + ":" + s.billing.currentPeriod.number() + ":pause-credit", start.customerId(),
                        unused, s.plan.currency(), "pause_credit", now()));
            }
            s.status = SubscriptionStatus.PAUSED;
            s.pending.pausedAt = now();
            s.billing.paidThrough = s.pending.pausedAt;
            changed();
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateResume() {
        requireCurrentEngine();
        if (s.status != SubscriptionStatus.PAUSED && !s.pending.pauseAtPeriodEnd) {
            throw rejected("The subscription is not paused.");
        }
    }

    @Override
    public SubscriptionState resume() {
        lock.lock();
        try {
            if (s.status == SubscriptionStatus.PAUSED) {
                resumeNow();
            } else {
                s.pending.pauseAtPeriodEnd = false;
                s.pending.resumeAt = null;
                changed();
            }
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validatePlanChange(PlanChangeRequest request) {
        requireCurrentEngine();
        if (request == null || request.plan() == null) {
            throw rejected("The new plan is required.");
        }
        PlanTerms to = request.plan();
        if (s.status == SubscriptionStatus.CANCELED || s.status == SubscriptionStatus.PAST_DUE) {
            throw rejected("A " + s.status.name().toLowerCase().replace('_', '-') + " subscription cannot change plan.");
        }
        if (to.planId().equals(s.plan.planId()) && s.pending.scheduledPlan == null) {
            throw rejected("The subscription is already on " + to.planId() + ".");
        }
        if (s.status == SubscriptionStatus.ACTIVE) {
            requireBilledPeriod();
        }
        if (!to.currency().equals(s.plan.currency())) {
            throw rejected("The new plan is priced in " + to.currency() + ", the subscription in " + s.plan.currency() + ".");
        }
    }

    @Override
    public void validatePlanChangePreview(PlanChangeRequest request) {
        validatePlanChange(request);
    }

    @Override
    public PlanChangeQuote previewPlanChange(PlanChangeRequest request) {
        return quote(request.plan());
    }

    @Override
    public PlanChangeResult changePlan(PlanChangeRequest request) {
        lock.lock();
        try {
            validatePlanChange(request);
            PlanTerms to = request.plan();
            PlanChangeQuote quote = quote(to);
            if (quote.timing() == PlanChangeTiming.AT_PERIOD_END) {
                s.pending.scheduledPlan = to.planId().equals(s.plan.planId()) ? null : to;
                changed();
                return new PlanChangeResult(quote, null, state());
            }
            if (s.status != SubscriptionStatus.ACTIVE) {
                s.plan = to;
                s.pending.scheduledPlan = null;
                changed();
                return new PlanChangeResult(quote, null, state());
            }
            return upgradeNow(to, quote);
        } finally {
            lock.unlock();
        }
    }

    /** Credit for the unused old plan, charge for the new one, one invoice; the plan changes only once paid. */
    private PlanChangeResult upgradeNow(PlanTerms to, PlanChangeQuote quote) {
        s.pending.planChanges++;
        String purpose = "change-" + s.pending.planChanges;
        boolean sameInterval = to.interval().equals(s.plan.interval());
        BillingPeriod period = sameInterval ? s.billing.currentPeriod : new BillingPeriod(s.billing.currentPeriod.number() + 1, now(),
                new BillingSchedule(now(), to.interval()).period(1).end());
        long creditOnInvoice = quote.creditMinor() - quote.accountCreditMinor();
        List<InvoiceLine> lines = creditOnInvoice > 0
                ? List.of(new InvoiceLine(InvoiceLineKind.PRORATION_CREDIT,
                        "Unused time on " + s.plan.name(), -creditOnInvoice),
                  new InvoiceLine(InvoiceLineKind.PRORATION_CHARGE, to.name() + " from " + now(), quote.chargeMinor()))
                : List.of(new InvoiceLine(InvoiceLineKind.PRORATION_CHARGE, to.name() + " from " + now(),
                        quote.chargeMinor()));
        IssuedInvoice invoice = billing.issueInvoice(new InvoiceDraft(key(period, purpose), start.subscriptionId(),
                start.customerId(), period.number(), s.plan.currency(), now(), period.end(), lines, true, now()));
        if (collect(invoice.invoiceId(), invoice.status(), invoice.totalMinor(), period, purpose, false)
                != Collection.PAID) {
            billing.closeUnpaidInvoice(invoice.invoiceId(), InvoiceStatus.VOID);
            changed();
            throw ApplicationFailure.newNonRetryableFailure(
                    "The charge for the plan change was declined; the plan did not change.",
                    SubscriptionFailures.PLAN_CHANGE_DECLINED);
        }
        if (quote.accountCreditMinor() > 0) {
            billing.grantAccountCredit(new CreditGrant(key(period, purpose) + ":credit", start.customerId(),
                    quote.accountCreditMinor(), s.plan.currency(), "plan_change_credit", now()));
        }
        if (!sameInterval) {
            s.billing.anchor = period.start();
            s.billing.anchorPeriod = period.number();
            s.billing.currentPeriod = period;
            periodsThisRun++;
        }
        s.plan = to;
        s.pending.scheduledPlan = null;
        s.billing.periodValueMinor = to.amountMinor();
        s.billing.paidThrough = s.billing.currentPeriod.end();
        changed();
        return new PlanChangeResult(quote, invoice.invoiceId(), state());
    }

    /**
     * Downgrades (same interval, not dearer) wait for the period end; everything else applies now. During a trial
     * or a pause nothing is charged: the new plan is simply what later periods bill.
     */
    private PlanChangeQuote quote(PlanTerms to) {
        Instant now = now();
        if (s.status != SubscriptionStatus.ACTIVE) {
            return new PlanChangeQuote(s.plan.planId(), to.planId(), PlanChangeTiming.IMMEDIATELY, now, s.plan.currency(),
                    0, 0, 0, 0);
        }
        boolean sameInterval = to.interval().equals(s.plan.interval());
        if (sameInterval && to.amountMinor() <= s.plan.amountMinor()) {
            return new PlanChangeQuote(s.plan.planId(), to.planId(), PlanChangeTiming.AT_PERIOD_END, s.billing.currentPeriod.end(),
                    s.plan.currency(), 0, 0, 0, 0);
        }
        long credit = Proration.unusedShare(periodValue(), s.billing.currentPeriod, now);
        long charge = sameInterval ? Proration.unusedShare(to.amountMinor(), s.billing.currentPeriod, now) : to.amountMinor();
        return new PlanChangeQuote(s.plan.planId(), to.planId(), PlanChangeTiming.IMMEDIATELY, now, s.plan.currency(),
                credit, charge, Math.max(0, charge - credit), Math.max(0, credit - charge));
    }

    @Override
    public void validatePlanMigration(PlanTerms to) {
        requireCurrentEngine();
        if (to == null) {
            throw rejected("The plan version to migrate to is required.");
        }
        if (s.status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is canceled.");
        }
        if (!to.planId().equals(s.plan.planId())) {
            throw rejected("The subscription is on " + s.plan.planId() + ", not " + to.planId()
                    + "; a move to another plan is a plan change.");
        }
        int target = s.pending.scheduledPlan != null && s.pending.scheduledPlan.planId().equals(s.plan.planId())
                ? s.pending.scheduledPlan.version() : s.plan.version();
        if (to.version() <= target) {
            throw rejected("The subscription is already on version " + target + " of " + s.plan.planId() + ".");
        }
        if (s.pending.scheduledPlan != null && !s.pending.scheduledPlan.planId().equals(s.plan.planId())) {
            throw rejected("A change to " + s.pending.scheduledPlan.planId() + " is scheduled for the end of the period.");
        }
        if (!to.currency().equals(s.plan.currency()) || !to.interval().equals(s.plan.interval())) {
            throw rejected("Version " + to.version() + " bills in another currency or interval; use a plan change.");
        }
    }

    @Override
    public SubscriptionState migratePlanVersion(PlanTerms to) {
        lock.lock();
        try {
            validatePlanMigration(to);
            if (s.status == SubscriptionStatus.ACTIVE || s.status == SubscriptionStatus.PAST_DUE) {
                // The period already invoiced keeps its price; the new one applies from the next period.
                s.pending.scheduledPlan = to;
            } else {
                // Nothing is billed during a trial or a pause: the next invoice is the first at the new price.
                s.plan = to;
                s.pending.scheduledPlan = null;
            }
            log.info("Plan {} migrates from version {} to {}", s.plan.planId(), s.plan.version(), to.version());
            changed();
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateCoupon(CouponApplication application) {
        requireCurrentEngine();
        if (application == null || application.code() == null || application.code().isBlank()) {
            throw rejected("A coupon code is required.");
        }
        if (s.status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is canceled.");
        }
        if (s.discounts.coupon != null) {
            throw rejected("Coupon " + s.discounts.coupon.code() + " already applies to this subscription.");
        }
    }

    @Override
    public SubscriptionState applyCoupon(CouponApplication application) {
        lock.lock();
        try {
            validateCoupon(application);
            redeem(application.code());
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateShippingAddressChange(ShippingAddress address) {
        requireCurrentEngine();
        if (address == null) {
            throw rejected("A shipping address is required.");
        }
        List<String> problems = address.problems();
        if (!problems.isEmpty()) {
            throw rejected("Invalid address: " + String.join("; ", problems));
        }
        if (s.status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is canceled.");
        }
    }

    @Override
    public SubscriptionState changeShippingAddress(ShippingAddress address) {
        // No command: the address is workflow state, used by the next box and handed over on continue-as-new.
        validateShippingAddressChange(address);
        s.shippingAddress = address;
        return state();
    }

    @Override
    public void retryPayment(PaymentRetryRequest request) {
        if (onSkeleton()) {
            log.warn("Retry requested on a skeleton-engine subscription; it keeps its own schedule");
            return;
        }
        if (s.status == SubscriptionStatus.PAST_DUE) {
            log.info("Payment retry requested by {}: {}", request.requestedBy(), request.reason());
            retryRequested = true;
        }
    }

    @Override
    public void updatePaymentMethod(PaymentMethodUpdate update) {
        if (onSkeleton()) {
            log.warn("Payment method update on a skeleton-engine subscription is not supported");
            return;
        }
        s.paymentMethod = update.paymentMethod();
        if (s.status == SubscriptionStatus.PAST_DUE) {
            retryRequested = true;
        }
        changed();
    }

    @Override
    public SubscriptionState state() {
        if (Boolean.TRUE.equals(onSkeleton)) {
            return skeleton.state();
        }
        return new SubscriptionState(start.subscriptionId(), start.customerId(), s.plan.planId(), s.status, s.startedAt,
                s.trialEnd, s.billing.currentPeriod, nextBillingAt(), s.pending.cancelAtPeriodEnd, s.pending.canceledAt, s.pending.cancelReason,
                s.arrears.failedPaymentCount, s.revision, s.plan.amountMinor(), s.plan.currency(), s.billing.paidThrough, nextRetryAt(),
                s.pending.pauseAtPeriodEnd, s.pending.pausedAt, s.pending.resumeAt, s.pending.scheduledPlan == null ? null : s.pending.scheduledPlan.planId(),
                s.discounts.coupon == null ? null : s.discounts.coupon.code(), s.discounts.coupon == null ? null : s.discounts.couponInvoicesLeft, s.plan.version(),
                s.pending.scheduledPlan == null ? null : s.pending.scheduledPlan.version(), s.arrears.dunning == null ? null : s.arrears.dunning.issue(),
                s.arrears.dunning == null ? null : s.arrears.dunning.firstFailureAt(), s.arrears.dunning == null ? null : s.arrears.dunning.attemptsSoFar(),
                s.shippingAddress);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private boolean onSkeleton() {
        if (onSkeleton == null) {
            onSkeleton = Workflow.getVersion(ENGINE_CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION;
        }
        return onSkeleton;
    }

    private void requireCurrentEngine() {
        if (Boolean.TRUE.equals(onSkeleton)) {
            throw rejected("This subscription runs on the first engine, which only supports cancel.");
        }
    }

    private static ApplicationFailure rejected(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, SubscriptionFailures.CHANGE_REJECTED);
    }

    /** Period {@code number} of the current schedule; numbers keep growing when a resume re-anchors billing. */
    private BillingPeriod schedulePeriod(int number) {
        BillingPeriod relative = new BillingSchedule(s.billing.anchor, s.plan.interval()).period(number - s.billing.anchorPeriod + 1);
        return new BillingPeriod(number, relative.start(), relative.end());
    }

    /** A reminder to send at {@code at}, once per {@code key}. */
    private record Reminder(String key, Instant at, String template, Map<String, String> data) {
    }

    /**
     * The next reminder this state calls for, or null. Computed from the state each time, so a reminder moves
     * with a pause, a resume or a plan change; a changed plan gets a fresh reminder with its new price.
     */
    private Reminder nextReminder() {
        ReminderSchedule schedule = start.reminders();
        Reminder next = null;
        if (s.status == SubscriptionStatus.TRIALING && !s.pending.cancelAtPeriodEnd && schedule.trialEndingDaysBefore() > 0) {
            Instant at = s.trialEnd.minus(Duration.ofDays(schedule.trialEndingDaysBefore()));
            if (!at.isBefore(s.startedAt)) {
                next = new Reminder("trial-ending", at, "trial_ending", reminderData("trialEnd", s.trialEnd));
            }
        } else if (s.status == SubscriptionStatus.ACTIVE && s.billing.currentPeriod != null && !s.pending.cancelAtPeriodEnd
                && !s.pending.pauseAtPeriodEnd && schedule.renewalDaysBefore() > 0) {
            Instant at = s.billing.currentPeriod.end().minus(Duration.ofDays(schedule.renewalDaysBefore()));
            if (!at.isBefore(s.billing.currentPeriod.start())) {
                String billedPlan = (s.pending.scheduledPlan != null ? s.pending.scheduledPlan : s.plan).planId();
                next = new Reminder((s.billing.currentPeriod.number() + 1) + ":renewal-upcoming:" + billedPlan, at,
                        "renewal_upcoming", reminderData("renewsAt", s.billing.currentPeriod.end()));
            }
        }
        return next == null || next.key().equals(s.reminders.lastSent) ? null : next;
    }

    private Map<String, String> reminderData(String dateKey, Instant billsAt) {
        PlanTerms billed = s.pending.scheduledPlan != null ? s.pending.scheduledPlan : s.plan;
        long amount = billed.amountMinor()
                - (s.discounts.coupon != null && s.discounts.couponInvoicesLeft != 0 ? s.discounts.coupon.discountOn(billed.amountMinor()) : 0);
        return Map.of("planName", billed.name(), "amountMinor", String.valueOf(amount), "currency",
                billed.currency(), dateKey, billsAt.atZone(ZoneOffset.UTC).toLocalDate().toString());
    }

    private Instant nextReminderAt() {
        Reminder next = nextReminder();
        return next == null ? null : next.at();
    }

    /** Sends the reminder that is due now, if any; true when one was sent. */
    private boolean sendDueReminder() {
        Reminder due = nextReminder();
        if (due == null || now().isBefore(due.at())) {
            return false;
        }
        lock.lock();
        try {
            notifyCustomer(due.key(), due.template(), due.data());
            s.reminders.lastSent = due.key();
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** The end of the current period; the anchor while the first period of a plan without trial is being billed. */
    private Instant periodDueAt() {
        return s.billing.currentPeriod == null ? s.billing.anchor : s.billing.currentPeriod.end();
    }

    /** A change that works on the current period waits until the first one has been billed. */
    private void requireBilledPeriod() {
        if (s.billing.currentPeriod == null) {
            throw rejected("The first payment is still being collected; try again in a moment.");
        }
    }

    private Instant nextRetryAt() {
        if (s.arrears.dunning == null) {
            return null;
        }
        return s.arrears.dunning.onHold() ? s.arrears.dunning.holdUntil() : dunningSlotAt(s.arrears.dunning);
    }

    /** The next scheduled dunning retry after a decline, or null when the schedule is used up (or nothing declined). */
    private Instant dunningSlotAt(Dunning overdue) {
        List<Duration> offsets = start.dunning().retryOffsets();
        return overdue.firstDeclineAt() != null && overdue.scheduledRetries() < offsets.size()
                ? overdue.firstDeclineAt().plus(offsets.get(overdue.scheduledRetries())) : null;
    }

    private Instant nextBillingAt() {
        return switch (s.status) {
            case TRIALING -> s.pending.cancelAtPeriodEnd ? null : s.trialEnd;
            case ACTIVE -> s.pending.cancelAtPeriodEnd || s.pending.pauseAtPeriodEnd ? null : periodDueAt();
            case PAST_DUE -> nextRetryAt();
            case PAUSED -> s.pending.resumeAt;
            case CANCELED -> null;
        };
    }

    private InvoiceLine planLine(BillingPeriod period) {
        return new InvoiceLine(InvoiceLineKind.PLAN, s.plan.name() + ", period " + period.number() + " ("
                + period.start().atZone(ZoneOffset.UTC).toLocalDate() + " to "
                + period.end().atZone(ZoneOffset.UTC).toLocalDate() + ")", s.plan.amountMinor());
    }

    private InvoiceDraft draft(BillingPeriod period, String purpose, List<InvoiceLine> lines) {
        return new InvoiceDraft(key(period, purpose), start.subscriptionId(), start.customerId(), period.number(),
                s.plan.currency(), period.start(), period.end(), lines, true, now());
    }

    private String key(BillingPeriod period, String purpose) {
        return start.subscriptionId() + ":" + period.number() + ":" + purpose;
    }

    private void notifyCustomer(String suffix, String template, Map<String, String> data) {
        notifications.notifyCustomer(new CustomerNotification(start.subscriptionId() + ":" + suffix,
                start.customerId(), template, data, now()));
    }

    private void changed() {
        s.revision++;
    }

    /** Writes the read model and the search attributes if anything changed since the last write. */
    private void publish() {
        if (recordedRevision == s.revision) {
            return;
        }
        SubscriptionState state = state();
        records.recordSubscription(state);
        recordedRevision = s.revision;
        // The UI's "current details" line (user metadata, not a command: safe for replay).
        Workflow.setCurrentDetails(currentDetails(state));
        if (s.status != publishedStatus || !Objects.equals(state.nextBillingAt(), publishedNextBillingAt)
                || s.arrears.failedPaymentCount != publishedFailedPaymentCount || !s.plan.planId().equals(publishedPlanId)) {
            Workflow.upsertTypedSearchAttributes(
                    PerennialSearchAttributes.SUBSCRIPTION_STATUS.valueSet(s.status.name()),
                    PerennialSearchAttributes.PLAN_ID.valueSet(s.plan.planId()),
                    state.nextBillingAt() == null
                            ? PerennialSearchAttributes.NEXT_BILLING_AT.valueUnset()
                            : PerennialSearchAttributes.NEXT_BILLING_AT.valueSet(
                                    state.nextBillingAt().atOffset(ZoneOffset.UTC)),
                    PerennialSearchAttributes.FAILED_PAYMENT_COUNT.valueSet((long) s.arrears.failedPaymentCount));
            publishedStatus = s.status;
            publishedNextBillingAt = state.nextBillingAt();
            publishedFailedPaymentCount = s.arrears.failedPaymentCount;
            publishedPlanId = s.plan.planId();
        }
    }

    /**
     * What the current period is worth to the customer, the basis of pause credit, refunds and upgrade credit: the
     * plan price less the coupon's discount, so a discounted period never returns more than it cost.
     */
    private long periodValue() {
        return s.billing.periodValueMinor != null ? Math.min(s.billing.periodValueMinor, s.plan.amountMinor()) : s.plan.amountMinor();
    }

    /** e.g. "ACTIVE · Digital monthly v2 · period 7 · next billing 2027-03-31T09:00:00Z". */
    private static String currentDetails(SubscriptionState state) {
        StringBuilder line = new StringBuilder(state.status().name()).append(" · ").append(state.planId());
        if (state.planVersion() != null && state.planVersion() > 0) {
            line.append(" v").append(state.planVersion());
        }
        if (state.currentPeriod() != null) {
            line.append(" · period ").append(state.currentPeriod().number());
        }
        if (state.paymentIssue() != null) {
            line.append(" · ").append(state.paymentIssue()).append(" since ").append(state.paymentIssueSince());
        }
        if (state.nextBillingAt() != null) {
            line.append(" · next ").append(state.status() == SubscriptionStatus.PAST_DUE ? "retry " : "billing ")
                    .append(state.nextBillingAt());
        }
        return line.toString();
    }
}
