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
import io.perennial.temporal.PerennialSearchAttributes;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
    /**
     * A pause whose rules no longer hold once it gets the lock (a renewal declined while it waited) is refused instead
     * of applied. Asked only when that happens, so histories without the race carry no marker.
     */
    static final String PAUSE_RULES_IN_LOCK_CHANGE = "pause-rules-in-lock";
    /**
     * A change made while the read model was being written is written too, before the workflow waits or ends.
     * Asked only when that happens.
     */
    static final String PUBLISH_EVERY_REVISION_CHANGE = "publish-every-revision";

    private static final Logger log = Workflow.getLogger(SubscriptionWorkflowImpl.class);

    /** Gateway timeouts and 5xx are retried with backoff for as long as it takes; declines are never retried. */
    static final RetryOptions GATEWAY_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(5))
            .setDoNotRetry(PaymentFailures.PAYMENT_DECLINED)
            .build();

    static final RetryOptions DATABASE_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(1))
            .build();

    private final PaymentActivities payments = Workflow.newActivityStub(PaymentActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(GATEWAY_RETRIES)
                    .build());

    private final SubscriptionRecordActivities records = Workflow.newActivityStub(SubscriptionRecordActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(DATABASE_RETRIES)
                    .build());

    private final BillingActivities billing = Workflow.newActivityStub(BillingActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(DATABASE_RETRIES)
                    .build());

    private final NotificationActivities notifications = Workflow.newActivityStub(NotificationActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(DATABASE_RETRIES)
                    .build());

    private final BoxActivities boxes = Workflow.newActivityStub(BoxActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(DATABASE_RETRIES)
                    .build());

    private PaymentActivities boundedPayments;

    private final SubscriptionStart start;
    private final SkeletonLifecycle skeleton;
    private Boolean onSkeleton;
    private final WorkflowLock lock = Workflow.newWorkflowLock();

    private SubscriptionStatus status;
    private PlanTerms plan;
    private String paymentMethod;
    /** Where the boxes of a physical plan go; null when none was given. */
    private ShippingAddress shippingAddress;
    private final Instant startedAt;
    private final Instant trialEnd;
    private Instant anchor;
    private int anchorPeriod;
    private BillingPeriod currentPeriod;
    /** Access until: end of the trial or of the last paid period; moved back when access ends early. */
    private Instant paidThrough;
    private Dunning dunning;
    private int failedPaymentCount;
    private boolean cancelAtPeriodEnd;
    private String cancelReason;
    private Instant canceledAt;
    private boolean pauseAtPeriodEnd;
    private Instant pausedAt;
    private Instant resumeAt;
    private PlanTerms scheduledPlan;
    private int planChanges;
    private final int runs;
    private int periodsThisRun;
    private boolean retryRequested;
    private CouponTerms coupon;
    private int couponInvoicesLeft;
    private int referralPeriod;
    private String lastReminder;
    /** What the current period is worth to the customer: the plan price less the coupon's discount on it. */
    private Long periodValueMinor;

    private long revision;
    private long recordedRevision;
    private SubscriptionStatus publishedStatus;
    private Instant publishedNextBillingAt;
    private int publishedFailedPaymentCount = -1;
    private String publishedPlanId;

    @WorkflowInit
    public SubscriptionWorkflowImpl(SubscriptionStart start) {
        this.start = start;
        this.skeleton = new SkeletonLifecycle(start, payments, records);
        this.shippingAddress = start.shippingAddress();
        SubscriptionCarryOver carried = start.carryOver();
        if (carried == null) {
            this.startedAt = now();
            this.trialEnd = start.plan().trialEndFrom(startedAt);
            this.status = trialEnd != null ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
            this.plan = start.plan();
            this.paymentMethod = start.paymentMethod();
            this.anchor = trialEnd != null ? trialEnd : startedAt;
            this.anchorPeriod = 1;
            this.paidThrough = trialEnd != null ? trialEnd : startedAt;
            this.runs = 1;
            this.revision = 1;
        } else {
            this.status = carried.status();
            this.plan = carried.plan();
            this.paymentMethod = carried.paymentMethod();
            this.startedAt = carried.startedAt();
            this.trialEnd = carried.trialEnd();
            this.anchor = carried.anchor();
            this.anchorPeriod = carried.anchorPeriod();
            this.currentPeriod = carried.currentPeriod();
            this.paidThrough = carried.paidThrough();
            this.dunning = carried.dunning();
            this.failedPaymentCount = carried.failedPaymentCount();
            this.cancelAtPeriodEnd = carried.cancelAtPeriodEnd();
            this.cancelReason = carried.cancelReason();
            this.pauseAtPeriodEnd = carried.pauseAtPeriodEnd();
            this.pausedAt = carried.pausedAt();
            this.resumeAt = carried.resumeAt();
            this.scheduledPlan = carried.scheduledPlan();
            this.planChanges = carried.planChanges();
            this.runs = carried.runs() + 1;
            this.revision = carried.revision() + 1;
            this.coupon = carried.coupon();
            this.couponInvoicesLeft = carried.couponInvoicesLeft();
            this.referralPeriod = carried.referralPeriod();
            this.lastReminder = carried.lastReminder();
            this.periodValueMinor = carried.periodValueMinor();
        }
    }

    @Override
    public SubscriptionState run(SubscriptionStart ignored) {
        if (onSkeleton()) {
            return skeleton.run();
        }
        if (start.carryOver() == null && start.couponCode() != null) {
            redeemAtSignup(start.couponCode());
        }
        while (true) {
            publish();
            if (status == SubscriptionStatus.CANCELED) {
                return state();
            }
            if (periodsThisRun >= start.periodsPerRun() || Workflow.getInfo().isContinueAsNewSuggested()) {
                // Hand over only between handlers, so no update or signal is cut off mid-way.
                Workflow.await(Workflow::isEveryHandlerFinished);
                if (status == SubscriptionStatus.CANCELED) {
                    continue;
                }
                if (!ready()) {
                    publish();
                    log.info("Continuing as new after {} periods in run {}", periodsThisRun, runs);
                    Workflow.continueAsNew(start.continuedWith(carryOver(), shippingAddress));
                }
                // Something is due now (a renewal, a retry asked for during the hand-over): do it first, then
                // hand over on the next pass. Looping back without acting would spin without ever yielding.
            }
            if (sendDueReminder()) {
                continue;
            }
            if (!ready()) {
                long seen = revision;
                Instant due = earliest(nextEventAt(), nextReminderAt());
                if (due == null) {
                    Workflow.await(() -> revision != seen || retryAsked());
                } else {
                    Workflow.await(Duration.between(now(), due), () -> revision != seen || retryAsked());
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
        return switch (status) {
            case TRIALING -> trialEnd;
            case ACTIVE -> periodDueAt();
            case PAST_DUE -> nextRetryAt();
            case PAUSED -> resumeAt;
            case CANCELED -> null;
        };
    }

    private boolean ready() {
        Instant due = nextEventAt();
        return (due != null && !now().isBefore(due)) || retryAsked();
    }

    /**
     * A retry asked for (ops, or a new card) counts only while past due. One that arrives while the charge in flight
     * succeeds is answered by that charge; waking on it afterwards would loop without yielding (a stuck workflow).
     */
    private boolean retryAsked() {
        return status == SubscriptionStatus.PAST_DUE && retryRequested;
    }

    private void act() {
        switch (status) {
            case TRIALING -> endTrial();
            case ACTIVE -> endPeriod();
            case PAST_DUE -> retryOverdue();
            case PAUSED -> resumeNow();
            case CANCELED -> {
            }
        }
    }

    private void endTrial() {
        if (cancelAtPeriodEnd) {
            endCanceled();
            return;
        }
        billPeriod(schedulePeriod(anchorPeriod));
    }

    private void endPeriod() {
        BillingPeriod ended = currentPeriod;
        if (ended == null) {
            // No trial: the first period starts with the subscription.
            billPeriod(schedulePeriod(anchorPeriod));
            return;
        }
        if (cancelAtPeriodEnd) {
            endCanceled();
            return;
        }
        if (scheduledPlan != null) {
            log.info("Downgrade to {} takes effect after period {}", scheduledPlan.planId(), ended.number());
            plan = scheduledPlan;
            scheduledPlan = null;
        }
        if (pauseAtPeriodEnd) {
            pauseAtPeriodEnd = false;
            status = SubscriptionStatus.PAUSED;
            pausedAt = ended.end();
            changed();
            return;
        }
        billPeriod(schedulePeriod(ended.number() + 1));
    }

    /** Issues the period's invoice and collects it; a decline starts dunning, a provider outage a hold. */
    private void billPeriod(BillingPeriod period) {
        currentPeriod = period;
        periodsThisRun++;
        IssuedInvoice invoice = billing.issueInvoice(draft(period, "renewal", periodLines(period)));
        switch (collect(invoice.invoiceId(), invoice.status(), invoice.totalMinor(), period, "renewal", true)) {
            case PAID -> paid(period, invoice.totalMinor());
            case DECLINED -> {
                status = SubscriptionStatus.PAST_DUE;
                dunning = new Dunning(period, invoice.invoiceId(), invoice.totalMinor(), now(), 0, 0);
                if (nextRetryAt() == null) {
                    exhaustDunning();
                }
            }
            case UNAVAILABLE -> {
                status = SubscriptionStatus.PAST_DUE;
                dunning = new Dunning(period, invoice.invoiceId(), invoice.totalMinor(), null, 0, 0,
                        PaymentFailures.GATEWAY_UNAVAILABLE, now().plus(start.dunning().gatewayHold()), "renewal",
                        now(), 1);
            }
        }
        changed();
    }

    private void retryOverdue() {
        retryRequested = false;
        Dunning overdue = dunning;
        // A scheduled dunning slot is used up by the attempt made once its time has come (a hold may delay it).
        boolean scheduled = overdue.firstDeclineAt() != null && !now().isBefore(dunningSlotAt(overdue));
        boolean again = overdue.unsettledPurpose() != null;
        int retries = again ? overdue.retries() : overdue.retries() + 1;
        String purpose = again ? overdue.unsettledPurpose() : "dunning-" + retries;
        switch (collect(overdue.invoiceId(), InvoiceStatus.OPEN, overdue.amountDueMinor(), overdue.period(), purpose,
                true)) {
            case PAID -> {
                dunning = null;
                paid(overdue.period(), overdue.amountDueMinor());
                notifyCustomer(overdue.period().number() + ":recovered", "payment_recovered",
                        Map.of("period", String.valueOf(overdue.period().number()),
                                "amountMinor", String.valueOf(overdue.amountDueMinor()), "currency", plan.currency()));
            }
            case DECLINED -> {
                Instant firstDecline = overdue.firstDeclineAt() != null ? overdue.firstDeclineAt() : now();
                dunning = new Dunning(overdue.period(), overdue.invoiceId(), overdue.amountDueMinor(), firstDecline,
                        overdue.scheduledRetries() + (scheduled ? 1 : 0), retries, Dunning.DECLINED, null, null,
                        overdue.firstFailureAt() != null ? overdue.firstFailureAt() : firstDecline,
                        overdue.attemptsSoFar() + 1);
                if (nextRetryAt() == null) {
                    exhaustDunning();
                }
            }
            case UNAVAILABLE -> dunning = new Dunning(overdue.period(), overdue.invoiceId(), overdue.amountDueMinor(),
                    overdue.firstDeclineAt(), overdue.scheduledRetries(), retries,
                    PaymentFailures.GATEWAY_UNAVAILABLE, now().plus(start.dunning().gatewayHold()), purpose,
                    overdue.firstFailureAt() != null ? overdue.firstFailureAt() : now(), overdue.attemptsSoFar() + 1);
        }
        changed();
    }

    private void exhaustDunning() {
        log.info("Dunning exhausted for period {}; canceling", dunning.period().number());
        billing.closeUnpaidInvoice(dunning.invoiceId(), InvoiceStatus.UNCOLLECTIBLE);
        cancelReason = "payment_failed";
        endCanceled();
        notifyCustomer("canceled", "subscription_canceled", Map.of("reason", cancelReason));
    }

    private void paid(BillingPeriod period, long amountChargedMinor) {
        status = SubscriptionStatus.ACTIVE;
        retryRequested = false;
        failedPaymentCount = 0;
        paidThrough = period.end();
        if (plan.physical() && Workflow.getVersion(BOXES_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1) {
            boxes.recordBoxDue(new BoxDue(start.subscriptionId(), start.customerId(), period.number(),
                    plan.planId(), plan.version(), plan.box(), period.start(), period.end(), now()));
            if (Workflow.getVersion(BOX_ORDERS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1) {
                shipBox(period, amountChargedMinor);
            }
        }
        ReferralReward referral = start.referral();
        if (referral != null && referralPeriod == 0 && amountChargedMinor > 0) {
            // The first invoice with money on it qualifies; a fully discounted one earns the referrer nothing.
            referralPeriod = period.number();
            billing.grantAccountCredit(new CreditGrant(referralGrantKey(), referral.referrerCustomerId(),
                    referral.amountMinor(), plan.currency(), "referral", now()));
        }
    }

    /** Starts the period's box order; a subscription from before addresses were asked for only records it as due. */
    private void shipBox(BillingPeriod period, long amountChargedMinor) {
        if (shippingAddress == null) {
            log.warn("Period {} of {} is paid but the subscription has no shipping address; its box is only "
                    + "recorded as due", period.number(), start.subscriptionId());
            return;
        }
        BoxOrders.ship(start, plan, period, amountChargedMinor, paymentMethod, shippingAddress, now());
    }

    /** The plan's price for the period, less the coupon while it lasts. */
    private List<InvoiceLine> periodLines(BillingPeriod period) {
        List<InvoiceLine> lines = new ArrayList<>();
        lines.add(planLine(period));
        periodValueMinor = plan.amountMinor();
        if (coupon != null && couponInvoicesLeft != 0) {
            long off = coupon.discountOn(plan.amountMinor());
            if (off > 0) {
                lines.add(new InvoiceLine(InvoiceLineKind.DISCOUNT, "Coupon " + coupon.code(), -off));
                periodValueMinor = plan.amountMinor() - off;
            }
            if (couponInvoicesLeft > 0 && --couponInvoicesLeft == 0) {
                coupon = null;
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
                    start.customerId(), plan.currency(), now()));
            coupon = terms;
            couponInvoicesLeft = terms.invoices();
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
                period.number(), purpose, amountDueMinor, plan.currency(), paymentMethod, now());
        try {
            (hold ? boundedPayments() : payments).chargeInvoice(charge);
            return Collection.PAID;
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause
                    && PaymentFailures.PAYMENT_DECLINED.equals(cause.getType())) {
                failedPaymentCount++;
                log.info("Charge {} of period {} declined", purpose, period.number());
                notifyCustomer(period.number() + ":" + purpose + ":declined", "payment_failed",
                        Map.of("period", String.valueOf(period.number()), "amountMinor", String.valueOf(amountDueMinor),
                                "currency", plan.currency(), "attempt", purpose));
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
                    .setRetryOptions(GATEWAY_RETRIES)
                    .build());
        }
        return boundedPayments;
    }

    private void resumeNow() {
        pausedAt = null;
        resumeAt = null;
        anchor = now();
        anchorPeriod = currentPeriod == null ? 1 : currentPeriod.number() + 1;
        billPeriod(schedulePeriod(anchorPeriod));
    }

    private void endCanceled() {
        status = SubscriptionStatus.CANCELED;
        canceledAt = now();
        if (paidThrough.isAfter(canceledAt)) {
            paidThrough = canceledAt;
        }
        cancelAtPeriodEnd = false;
        pauseAtPeriodEnd = false;
        scheduledPlan = null;
        if (cancelReason == null) {
            cancelReason = "customer_request";
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
        if (status != SubscriptionStatus.CANCELED) {
            cancelSubscription(request);
        }
    }

    @Override
    public void validateCancel(CancelRequest request) {
        requireCurrentEngine();
        if (status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is already canceled.");
        }
    }

    @Override
    public SubscriptionState cancelSubscription(CancelRequest request) {
        lock.lock();
        try {
            if (status == SubscriptionStatus.CANCELED) {
                return state();
            }
            cancelReason = request.reason();
            boolean runsOut = status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.TRIALING;
            if (request.timing() == CancelTiming.AT_PERIOD_END && runsOut) {
                cancelAtPeriodEnd = true;
                pauseAtPeriodEnd = false;
                changed();
                return state();
            }
            // Now, or nothing paid is left to run out (past due, paused).
            if (request.refundUnused() && status == SubscriptionStatus.ACTIVE && currentPeriod != null) {
                refundUnused();
            }
            if (status == SubscriptionStatus.PAST_DUE) {
                billing.closeUnpaidInvoice(dunning.invoiceId(), InvoiceStatus.VOID);
                dunning = null;
            }
            endCanceled();
            return state();
        } finally {
            lock.unlock();
        }
    }

    private void refundUnused() {
        long unused = Proration.unusedShare(periodValue(), currentPeriod, now());
        if (unused > 0) {
            RefundReceipt refund = payments.refund(new RefundRequest(
                    start.subscriptionId() + ":" + currentPeriod.number() + ":cancel-refund", start.subscriptionId(),
                    currentPeriod.number(), unused, plan.currency(), "prorated_cancellation", now()));
            log.info("Refunded {} {} of period {}", refund.amountMinor(), refund.currency(), currentPeriod.number());
            if (refund.amountMinor() > 0 && referralPeriod == currentPeriod.number()) {
                long taken = billing.clawBackCredit(new CreditClawback(referralGrantKey() + ":clawback",
                        referralGrantKey(), "qualifying_invoice_refunded", now()));
                log.info("Referral reward clawed back: {} {}", taken, plan.currency());
            }
        }
    }

    @Override
    public void validateUncancel() {
        requireCurrentEngine();
        if (!cancelAtPeriodEnd || status == SubscriptionStatus.CANCELED) {
            throw rejected("Only a cancellation at period end that has not taken effect can be undone.");
        }
    }

    @Override
    public SubscriptionState uncancel() {
        cancelAtPeriodEnd = false;
        cancelReason = null;
        changed();
        return state();
    }

    @Override
    public void validatePause(PauseRequest request) {
        requireCurrentEngine();
        if (status != SubscriptionStatus.ACTIVE) {
            throw rejected(switch (status) {
                case TRIALING -> "A trial cannot be paused; cancel it instead.";
                case PAST_DUE -> "A past-due subscription cannot be paused; update the payment method or cancel.";
                case PAUSED -> "The subscription is already paused.";
                default -> "The subscription is canceled.";
            });
        }
        if (cancelAtPeriodEnd) {
            throw rejected("The subscription cancels at period end; undo the cancellation first.");
        }
        if (pauseAtPeriodEnd) {
            throw rejected("The subscription already pauses at period end.");
        }
        requireBilledPeriod();
        Instant pausesAt = request.timing() == PauseTiming.IMMEDIATELY ? now() : currentPeriod.end();
        if (request.resumeAt() != null && !request.resumeAt().isAfter(pausesAt)) {
            throw rejected("resumeAt must be after the pause begins (" + pausesAt + ").");
        }
    }

    @Override
    public SubscriptionState pause(PauseRequest request) {
        lock.lock();
        try {
            // The state may have moved while this waited for the lock: a renewal in flight may have been declined.
            try {
                validatePause(request);
            } catch (ApplicationFailure refused) {
                if (Workflow.getVersion(PAUSE_RULES_IN_LOCK_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1) {
                    throw refused;
                }
            }
            resumeAt = request.resumeAt();
            if (request.timing() == PauseTiming.AT_PERIOD_END) {
                pauseAtPeriodEnd = true;
                changed();
                return state();
            }
            long unused = Proration.unusedShare(periodValue(), currentPeriod, now());
            if (unused > 0) {
                billing.grantAccountCredit(new CreditGrant(
                        start.subscriptionId() + ":" + currentPeriod.number() + ":pause-credit", start.customerId(),
                        unused, plan.currency(), "pause_credit", now()));
            }
            status = SubscriptionStatus.PAUSED;
            pausedAt = now();
            paidThrough = pausedAt;
            changed();
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateResume() {
        requireCurrentEngine();
        if (status != SubscriptionStatus.PAUSED && !pauseAtPeriodEnd) {
            throw rejected("The subscription is not paused.");
        }
    }

    @Override
    public SubscriptionState resume() {
        lock.lock();
        try {
            if (status == SubscriptionStatus.PAUSED) {
                resumeNow();
            } else {
                pauseAtPeriodEnd = false;
                resumeAt = null;
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
        if (status == SubscriptionStatus.CANCELED || status == SubscriptionStatus.PAST_DUE) {
            throw rejected("A " + status.name().toLowerCase().replace('_', '-') + " subscription cannot change plan.");
        }
        if (to.planId().equals(plan.planId()) && scheduledPlan == null) {
            throw rejected("The subscription is already on " + to.planId() + ".");
        }
        if (status == SubscriptionStatus.ACTIVE) {
            requireBilledPeriod();
        }
        if (!to.currency().equals(plan.currency())) {
            throw rejected("The new plan is priced in " + to.currency() + ", the subscription in " + plan.currency() + ".");
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
                scheduledPlan = to.planId().equals(plan.planId()) ? null : to;
                changed();
                return new PlanChangeResult(quote, null, state());
            }
            if (status != SubscriptionStatus.ACTIVE) {
                plan = to;
                scheduledPlan = null;
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
        planChanges++;
        String purpose = "change-" + planChanges;
        boolean sameInterval = to.interval().equals(plan.interval());
        BillingPeriod period = sameInterval ? currentPeriod : new BillingPeriod(currentPeriod.number() + 1, now(),
                new BillingSchedule(now(), to.interval()).period(1).end());
        long creditOnInvoice = quote.creditMinor() - quote.accountCreditMinor();
        List<InvoiceLine> lines = creditOnInvoice > 0
                ? List.of(new InvoiceLine(InvoiceLineKind.PRORATION_CREDIT,
                        "Unused time on " + plan.name(), -creditOnInvoice),
                  new InvoiceLine(InvoiceLineKind.PRORATION_CHARGE, to.name() + " from " + now(), quote.chargeMinor()))
                : List.of(new InvoiceLine(InvoiceLineKind.PRORATION_CHARGE, to.name() + " from " + now(),
                        quote.chargeMinor()));
        IssuedInvoice invoice = billing.issueInvoice(new InvoiceDraft(key(period, purpose), start.subscriptionId(),
                start.customerId(), period.number(), plan.currency(), now(), period.end(), lines, true, now()));
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
                    quote.accountCreditMinor(), plan.currency(), "plan_change_credit", now()));
        }
        if (!sameInterval) {
            anchor = period.start();
            anchorPeriod = period.number();
            currentPeriod = period;
            periodsThisRun++;
        }
        plan = to;
        scheduledPlan = null;
        periodValueMinor = to.amountMinor();
        paidThrough = currentPeriod.end();
        changed();
        return new PlanChangeResult(quote, invoice.invoiceId(), state());
    }

    /**
     * Downgrades (same interval, not dearer) wait for the period end; everything else applies now. During a trial
     * or a pause nothing is charged: the new plan is simply what later periods bill.
     */
    private PlanChangeQuote quote(PlanTerms to) {
        Instant now = now();
        if (status != SubscriptionStatus.ACTIVE) {
            return new PlanChangeQuote(plan.planId(), to.planId(), PlanChangeTiming.IMMEDIATELY, now, plan.currency(),
                    0, 0, 0, 0);
        }
        boolean sameInterval = to.interval().equals(plan.interval());
        if (sameInterval && to.amountMinor() <= plan.amountMinor()) {
            return new PlanChangeQuote(plan.planId(), to.planId(), PlanChangeTiming.AT_PERIOD_END, currentPeriod.end(),
                    plan.currency(), 0, 0, 0, 0);
        }
        long credit = Proration.unusedShare(periodValue(), currentPeriod, now);
        long charge = sameInterval ? Proration.unusedShare(to.amountMinor(), currentPeriod, now) : to.amountMinor();
        return new PlanChangeQuote(plan.planId(), to.planId(), PlanChangeTiming.IMMEDIATELY, now, plan.currency(),
                credit, charge, Math.max(0, charge - credit), Math.max(0, credit - charge));
    }

    @Override
    public void validatePlanMigration(PlanTerms to) {
        requireCurrentEngine();
        if (to == null) {
            throw rejected("The plan version to migrate to is required.");
        }
        if (status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is canceled.");
        }
        if (!to.planId().equals(plan.planId())) {
            throw rejected("The subscription is on " + plan.planId() + ", not " + to.planId()
                    + "; a move to another plan is a plan change.");
        }
        int target = scheduledPlan != null && scheduledPlan.planId().equals(plan.planId())
                ? scheduledPlan.version() : plan.version();
        if (to.version() <= target) {
            throw rejected("The subscription is already on version " + target + " of " + plan.planId() + ".");
        }
        if (scheduledPlan != null && !scheduledPlan.planId().equals(plan.planId())) {
            throw rejected("A change to " + scheduledPlan.planId() + " is scheduled for the end of the period.");
        }
        if (!to.currency().equals(plan.currency()) || !to.interval().equals(plan.interval())) {
            throw rejected("Version " + to.version() + " bills in another currency or interval; use a plan change.");
        }
    }

    @Override
    public SubscriptionState migratePlanVersion(PlanTerms to) {
        lock.lock();
        try {
            validatePlanMigration(to);
            if (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.PAST_DUE) {
                // The period already invoiced keeps its price; the new one applies from the next period.
                scheduledPlan = to;
            } else {
                // Nothing is billed during a trial or a pause: the next invoice is the first at the new price.
                plan = to;
                scheduledPlan = null;
            }
            log.info("Plan {} migrates from version {} to {}", plan.planId(), plan.version(), to.version());
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
        if (status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is canceled.");
        }
        if (coupon != null) {
            throw rejected("Coupon " + coupon.code() + " already applies to this subscription.");
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
        if (status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is canceled.");
        }
    }

    @Override
    public SubscriptionState changeShippingAddress(ShippingAddress address) {
        // No command: the address is workflow state, used by the next box and handed over on continue-as-new.
        validateShippingAddressChange(address);
        shippingAddress = address;
        return state();
    }

    @Override
    public void retryPayment(PaymentRetryRequest request) {
        if (onSkeleton()) {
            log.warn("Retry requested on a skeleton-engine subscription; it keeps its own schedule");
            return;
        }
        if (status == SubscriptionStatus.PAST_DUE) {
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
        paymentMethod = update.paymentMethod();
        if (status == SubscriptionStatus.PAST_DUE) {
            retryRequested = true;
        }
        changed();
    }

    @Override
    public SubscriptionState state() {
        if (Boolean.TRUE.equals(onSkeleton)) {
            return skeleton.state();
        }
        return new SubscriptionState(start.subscriptionId(), start.customerId(), plan.planId(), status, startedAt,
                trialEnd, currentPeriod, nextBillingAt(), cancelAtPeriodEnd, canceledAt, cancelReason,
                failedPaymentCount, revision, plan.amountMinor(), plan.currency(), paidThrough, nextRetryAt(),
                pauseAtPeriodEnd, pausedAt, resumeAt, scheduledPlan == null ? null : scheduledPlan.planId(),
                coupon == null ? null : coupon.code(), coupon == null ? null : couponInvoicesLeft, plan.version(),
                scheduledPlan == null ? null : scheduledPlan.version(), dunning == null ? null : dunning.issue(),
                dunning == null ? null : dunning.firstFailureAt(), dunning == null ? null : dunning.attemptsSoFar(),
                shippingAddress);
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
        BillingPeriod relative = new BillingSchedule(anchor, plan.interval()).period(number - anchorPeriod + 1);
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
        if (status == SubscriptionStatus.TRIALING && !cancelAtPeriodEnd && schedule.trialEndingDaysBefore() > 0) {
            Instant at = trialEnd.minus(Duration.ofDays(schedule.trialEndingDaysBefore()));
            if (!at.isBefore(startedAt)) {
                next = new Reminder("trial-ending", at, "trial_ending", reminderData("trialEnd", trialEnd));
            }
        } else if (status == SubscriptionStatus.ACTIVE && currentPeriod != null && !cancelAtPeriodEnd
                && !pauseAtPeriodEnd && schedule.renewalDaysBefore() > 0) {
            Instant at = currentPeriod.end().minus(Duration.ofDays(schedule.renewalDaysBefore()));
            if (!at.isBefore(currentPeriod.start())) {
                String billedPlan = (scheduledPlan != null ? scheduledPlan : plan).planId();
                next = new Reminder((currentPeriod.number() + 1) + ":renewal-upcoming:" + billedPlan, at,
                        "renewal_upcoming", reminderData("renewsAt", currentPeriod.end()));
            }
        }
        return next == null || next.key().equals(lastReminder) ? null : next;
    }

    private Map<String, String> reminderData(String dateKey, Instant billsAt) {
        PlanTerms billed = scheduledPlan != null ? scheduledPlan : plan;
        long amount = billed.amountMinor()
                - (coupon != null && couponInvoicesLeft != 0 ? coupon.discountOn(billed.amountMinor()) : 0);
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
            lastReminder = due.key();
        } finally {
            lock.unlock();
        }
        return true;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The end of the current period; the anchor while the first period of a plan without trial is being billed. */
    private Instant periodDueAt() {
        return currentPeriod == null ? anchor : currentPeriod.end();
    }

    /** A change that works on the current period waits until the first one has been billed. */
    private void requireBilledPeriod() {
        if (currentPeriod == null) {
            throw rejected("The first payment is still being collected; try again in a moment.");
        }
    }

    private Instant nextRetryAt() {
        if (dunning == null) {
            return null;
        }
        return dunning.onHold() ? dunning.holdUntil() : dunningSlotAt(dunning);
    }

    /** The next scheduled dunning retry after a decline, or null when the schedule is used up (or nothing declined). */
    private Instant dunningSlotAt(Dunning overdue) {
        List<Duration> offsets = start.dunning().retryOffsets();
        return overdue.firstDeclineAt() != null && overdue.scheduledRetries() < offsets.size()
                ? overdue.firstDeclineAt().plus(offsets.get(overdue.scheduledRetries())) : null;
    }

    private Instant nextBillingAt() {
        return switch (status) {
            case TRIALING -> cancelAtPeriodEnd ? null : trialEnd;
            case ACTIVE -> cancelAtPeriodEnd || pauseAtPeriodEnd ? null : periodDueAt();
            case PAST_DUE -> nextRetryAt();
            case PAUSED -> resumeAt;
            case CANCELED -> null;
        };
    }

    private InvoiceLine planLine(BillingPeriod period) {
        return new InvoiceLine(InvoiceLineKind.PLAN, plan.name() + ", period " + period.number() + " ("
                + period.start().atZone(ZoneOffset.UTC).toLocalDate() + " to "
                + period.end().atZone(ZoneOffset.UTC).toLocalDate() + ")", plan.amountMinor());
    }

    private InvoiceDraft draft(BillingPeriod period, String purpose, List<InvoiceLine> lines) {
        return new InvoiceDraft(key(period, purpose), start.subscriptionId(), start.customerId(), period.number(),
                plan.currency(), period.start(), period.end(), lines, true, now());
    }

    private String key(BillingPeriod period, String purpose) {
        return start.subscriptionId() + ":" + period.number() + ":" + purpose;
    }

    private void notifyCustomer(String suffix, String template, Map<String, String> data) {
        notifications.notifyCustomer(new CustomerNotification(start.subscriptionId() + ":" + suffix,
                start.customerId(), template, data, now()));
    }

    private SubscriptionCarryOver carryOver() {
        return new SubscriptionCarryOver(status, plan, paymentMethod, startedAt, trialEnd, anchor, anchorPeriod,
                currentPeriod, paidThrough, dunning, failedPaymentCount, cancelAtPeriodEnd, cancelReason,
                pauseAtPeriodEnd, pausedAt, resumeAt, scheduledPlan, planChanges, runs, revision, coupon,
                couponInvoicesLeft, referralPeriod, lastReminder, periodValueMinor);
    }

    private void changed() {
        revision++;
    }

    /** Writes the read model and the search attributes if anything changed since the last write. */
    private void publish() {
        while (recordedRevision != revision) {
            publishOnce();
        }
    }

    private void publishOnce() {
        long writing = revision;
        SubscriptionState state = state();
        records.recordSubscription(state);
        // A change accepted while the write ran (a cancel, say) is not in the row yet: write again.
        recordedRevision = revision != writing
                && Workflow.getVersion(PUBLISH_EVERY_REVISION_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1
                ? writing : revision;
        // The UI's "current details" line (user metadata, not a command: safe for replay).
        Workflow.setCurrentDetails(currentDetails(state));
        if (status != publishedStatus || !Objects.equals(state.nextBillingAt(), publishedNextBillingAt)
                || failedPaymentCount != publishedFailedPaymentCount || !plan.planId().equals(publishedPlanId)) {
            Workflow.upsertTypedSearchAttributes(
                    PerennialSearchAttributes.SUBSCRIPTION_STATUS.valueSet(status.name()),
                    PerennialSearchAttributes.PLAN_ID.valueSet(plan.planId()),
                    state.nextBillingAt() == null
                            ? PerennialSearchAttributes.NEXT_BILLING_AT.valueUnset()
                            : PerennialSearchAttributes.NEXT_BILLING_AT.valueSet(
                                    state.nextBillingAt().atOffset(ZoneOffset.UTC)),
                    PerennialSearchAttributes.FAILED_PAYMENT_COUNT.valueSet((long) failedPaymentCount));
            publishedStatus = status;
            publishedNextBillingAt = state.nextBillingAt();
            publishedFailedPaymentCount = failedPaymentCount;
            publishedPlanId = plan.planId();
        }
    }

    /**
     * What the current period is worth to the customer, the basis of pause credit, refunds and upgrade credit: the
     * plan price less the coupon's discount, so a discounted period never returns more than it cost.
     */
    private long periodValue() {
        return periodValueMinor != null ? Math.min(periodValueMinor, plan.amountMinor()) : plan.amountMinor();
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

    /** Business time has whole seconds, like the invoices and periods derived from it. */
    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis()).truncatedTo(ChronoUnit.SECONDS);
    }
}
