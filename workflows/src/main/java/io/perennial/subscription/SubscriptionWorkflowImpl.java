package io.perennial.subscription;

import io.perennial.order.ShippingAddress;
import io.perennial.payment.PaymentActivities;
import io.perennial.risk.RiskDecision;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import org.slf4j.Logger;

import static io.perennial.temporal.BusinessTime.now;

/**
 * The life of one subscription: the handlers of {@link SubscriptionWorkflow}, each taking the workflow lock, checking
 * its {@link ChangeRules} and handing the work to the helper of its concern. The state is one {@link Subscription},
 * handed to the next run on continue-as-new; the main loop is {@link SubscriptionLifecycle}. Every money move runs
 * under the one {@link WorkflowLock}, so a renewal and a plan change never interleave. All time comes from the
 * workflow clock, so the test clock moves the whole system. Subscriptions started before the current engine run
 * {@link SkeletonLifecycle} to the end.
 */
public class SubscriptionWorkflowImpl implements SubscriptionWorkflow {

    private static final Logger log = Workflow.getLogger(SubscriptionWorkflowImpl.class);

    private final SubscriptionStart start;
    private final Subscription s;
    private final ThisRun thisRun = new ThisRun();
    private final WorkflowLock lock = Workflow.newWorkflowLock();
    private final SkeletonLifecycle skeleton;
    private Boolean onSkeleton;

    private final ChangeRules rules;
    private final SubscriptionLifecycle lifecycle;
    private final Cancellation cancellation;
    private final PauseAndResume pauses;
    private final PlanChanges planChanges;
    private final ItemChanges itemChanges;
    private final CouponsAndReferrals couponsAndReferrals;
    private final NextBoxes nextBoxes;

    @WorkflowInit
    public SubscriptionWorkflowImpl(SubscriptionStart start) {
        this.start = start;
        this.skeleton = new SkeletonLifecycle(start,
                ActivityStubs.remote(PaymentActivities.class, RetryPolicies.GATEWAY),
                ActivityStubs.database(SubscriptionRecordActivities.class));
        this.s = start.subscriptionAt(now());
        this.rules = new ChangeRules(s, () -> Boolean.TRUE.equals(onSkeleton));

        CustomerNotices notices = new CustomerNotices(start);
        InvoiceCollection collection = new InvoiceCollection(start, s, notices);
        this.couponsAndReferrals = new CouponsAndReferrals(start, s);
        this.nextBoxes = new NextBoxes(start, s);
        Entitlements entitlements = new Entitlements(start, s, couponsAndReferrals, nextBoxes);
        Suspension suspension = new Suspension(s, notices, entitlements);
        SentInvoices sentInvoices = new SentInvoices(start, s, entitlements, notices, suspension);
        DunningRetries dunning = new DunningRetries(start, s, thisRun, collection, notices,
                new CustomerAuthentication(start, s, notices), sentInvoices, suspension);
        PeriodBilling periodBilling = new PeriodBilling(start, s, thisRun, collection, entitlements, dunning,
                sentInvoices, nextBoxes);
        this.planChanges = new PlanChanges(start, s, thisRun, collection);
        this.cancellation = new Cancellation(start, s, dunning, couponsAndReferrals, sentInvoices,
                planChanges.authentication());
        this.pauses = new PauseAndResume(start, s, periodBilling);
        this.itemChanges = new ItemChanges(s, planChanges);
        this.lifecycle = new SubscriptionLifecycle(start, s, thisRun, lock, new PublishedView(start, s, thisRun),
                new CustomerReminders(start, s, notices), periodBilling, dunning, couponsAndReferrals, sentInvoices,
                nextBoxes, planChanges.authentication());
    }

    @Override
    public SubscriptionState run(SubscriptionStart ignored) {
        return onSkeleton() ? skeleton.run() : lifecycle.run();
    }

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
        rules.cancel();
    }

    @Override
    public SubscriptionState cancelSubscription(CancelRequest request) {
        lock.lock();
        try {
            cancellation.cancel(request);
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateUncancel() {
        rules.uncancel();
    }

    @Override
    public SubscriptionState uncancel() {
        cancellation.uncancel();
        return state();
    }

    @Override
    public void validatePause(PauseRequest request) {
        rules.pause(request, now());
    }

    @Override
    public SubscriptionState pause(PauseRequest request) {
        lock.lock();
        try {
            // The state may have moved while this waited for the lock: the renewal in flight may have declined.
            try {
                rules.pause(request, now());
            } catch (ApplicationFailure refused) {
                if (Workflow.getVersion(EngineChanges.PAUSE_RULES_IN_LOCK, Workflow.DEFAULT_VERSION, 1) == 1) {
                    throw refused;
                }
            }
            pauses.pause(request);
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateResume() {
        rules.resume();
    }

    @Override
    public SubscriptionState resume() {
        lock.lock();
        try {
            pauses.resume();
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validatePlanChange(PlanChangeRequest request) {
        rules.planChange(request);
    }

    @Override
    public void validatePlanChangePreview(PlanChangeRequest request) {
        rules.planChange(request);
    }

    @Override
    public PlanChangeQuote previewPlanChange(PlanChangeRequest request) {
        return planChanges.preview(request.plan());
    }

    @Override
    public PlanChangeResult changePlan(PlanChangeRequest request) {
        lock.lock();
        try {
            rules.planChange(request);
            return planChanges.change(request.plan());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateItemChange(ItemChange change) {
        rules.itemChange(change);
    }

    @Override
    public void validateItemChangePreview(ItemChange change) {
        rules.itemChange(change);
    }

    @Override
    public PlanChangeQuote previewItemChange(ItemChange change) {
        return itemChanges.preview(change);
    }

    @Override
    public PlanChangeResult changeItems(ItemChange change) {
        lock.lock();
        try {
            rules.itemChange(change);
            return itemChanges.change(change);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validatePlanMigration(PlanTerms to) {
        rules.planMigration(to);
    }

    @Override
    public SubscriptionState migratePlanVersion(PlanTerms to) {
        lock.lock();
        try {
            rules.planMigration(to);
            planChanges.migrate(to);
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateCoupon(CouponApplication application) {
        rules.coupon(application);
    }

    @Override
    public SubscriptionState applyCoupon(CouponApplication application) {
        lock.lock();
        try {
            rules.coupon(application);
            couponsAndReferrals.redeem(application.code());
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateShippingAddressChange(ShippingAddress address) {
        rules.shippingAddressChange(address);
    }

    @Override
    public SubscriptionState changeShippingAddress(ShippingAddress address) {
        // The address is workflow state, used by the next box and handed over on continue-as-new; since
        // address-in-read-model it is also a change the main loop writes to the read model (its only writer).
        rules.shippingAddressChange(address);
        s.shippingAddress = address;
        if (Workflow.getVersion(EngineChanges.ADDRESS_IN_READ_MODEL, Workflow.DEFAULT_VERSION, 1) == 1) {
            s.changed();
        }
        return state();
    }

    @Override
    public void validateNextBoxChange(NextBoxChange change) {
        rules.requireCurrentEngine();
        nextBoxes.check(change);
        nextBoxes.checkNoDelayPending();
    }

    @Override
    public SubscriptionState changeNextBox(NextBoxChange change) {
        lock.lock();
        try {
            // The renewal this waited for may have billed the period the change was meant for.
            nextBoxes.check(change);
            try {
                nextBoxes.checkNoDelayPending();
            } catch (ApplicationFailure refused) {
                if (Workflow.getVersion(EngineChanges.NEXT_BOX_DELAY_KEPT, Workflow.DEFAULT_VERSION, 1) == 1) {
                    throw refused;
                }
            }
            nextBoxes.apply(change);
            return state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void validateFirstCharge() {
        rules.requireCurrentEngine();
    }

    @Override
    public SubscriptionState firstCharge() {
        Workflow.await(s::firstChargeKnown);
        return state();
    }

    @Override
    public void retryPayment(PaymentRetryRequest request) {
        if (onSkeleton()) {
            log.warn("Retry requested on a skeleton-engine subscription; it keeps its own schedule");
            return;
        }
        if (s.inArrears() || thisRun.keepsRetryWhileActing()) {
            log.info("Payment retry requested by {}: {}", request.requestedBy(), request.reason());
            thisRun.retryRequested = true;
        }
    }

    @Override
    public void updatePaymentMethod(PaymentMethodUpdate update) {
        if (onSkeleton()) {
            log.warn("Payment method update on a skeleton-engine subscription is not supported");
            return;
        }
        s.paymentMethod = update.paymentMethod();
        if (s.inArrears() || thisRun.keepsRetryWhileActing()) {
            thisRun.retryRequested = true;
        }
        s.changed();
    }

    @Override
    public void customerActionAnswered(CustomerActionAnswer answer) {
        String prefix = start.subscriptionId() + ":";
        if (onSkeleton() || answer.idempotencyKey() == null || !answer.idempotencyKey().startsWith(prefix)) {
            return;
        }
        // Remembered even if the charge is not yet known to wait (a webhook may overtake the charge's own answer).
        s.arrears.answeredCharge = answer.idempotencyKey().substring(prefix.length());
        s.changed();
    }

    @Override
    public void invoicePaid(InvoicePaymentNotice notice) {
        if (onSkeleton() || notice == null || notice.invoiceId() == null) {
            return;
        }
        s.arrears.paymentNoticed = notice.invoiceId();
        if (s.invoicePaymentNoticed()) {
            s.changed();
        } else {
            s.arrears.paymentNoticed = null; // not an invoice this subscription waits for
        }
    }

    @Override
    public void validateRiskDecision(RiskDecision decision) {
        rules.requireCurrentEngine();
        String refusal = FirstChargeRiskReview.refusal(s, decision);
        if (refusal != null) {
            throw ChangeRules.rejected(refusal);
        }
    }

    @Override
    public SubscriptionState decideRisk(RiskDecision decision) {
        // Asked again: a cancel may have ended the review since the validator ran.
        validateRiskDecision(decision);
        FirstChargeRiskReview.decide(s, decision);
        return state();
    }

    @Override
    public SubscriptionState state() {
        return Boolean.TRUE.equals(onSkeleton) ? skeleton.state() : start.stateOf(s);
    }

    private boolean onSkeleton() {
        if (onSkeleton == null) {
            onSkeleton = Workflow.getVersion(EngineChanges.ENGINE, Workflow.DEFAULT_VERSION, 1)
                    == Workflow.DEFAULT_VERSION;
        }
        return onSkeleton;
    }
}
