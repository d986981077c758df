package io.perennial.subscription;

import io.perennial.order.ShippingAddress;
import io.perennial.risk.RiskDecision;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per subscription, id {@code subscription-{subscriptionId}}, living as long as the subscription
 * (continuing as new every few periods). Changes a customer waits for are Updates with validators, so the API
 * answers synchronously and a rejected change leaves no trace in the history; fire-and-forget nudges are signals.
 */
@WorkflowInterface
public interface SubscriptionWorkflow {
    /** Runs the subscription until it is canceled; returns its final state. */
    @WorkflowMethod
    SubscriptionState run(SubscriptionStart start);

    /** Fire-and-forget cancel; the API uses {@link #cancelSubscription} for a synchronous answer. */
    @SignalMethod
    void cancel(CancelRequest request);

    @UpdateMethod
    SubscriptionState cancelSubscription(CancelRequest request);

    @UpdateValidatorMethod(updateName = "cancelSubscription")
    void validateCancel(CancelRequest request);

    /** Takes back a cancel at period end, until the period ends. */
    @UpdateMethod
    SubscriptionState uncancel();

    @UpdateValidatorMethod(updateName = "uncancel")
    void validateUncancel();

    @UpdateMethod
    SubscriptionState pause(PauseRequest request);

    @UpdateValidatorMethod(updateName = "pause")
    void validatePause(PauseRequest request);

    /** Resumes a paused subscription now (re-anchoring billing on today), or takes back a pause at period end. */
    @UpdateMethod
    SubscriptionState resume();

    @UpdateValidatorMethod(updateName = "resume")
    void validateResume();

    @UpdateMethod
    PlanChangeResult changePlan(PlanChangeRequest request);

    @UpdateValidatorMethod(updateName = "changePlan")
    void validatePlanChange(PlanChangeRequest request);

    /**
     * What {@link #changePlan} would do now, changing nothing. An update rather than a query because a query sees
     * the clock of the last workflow task, and proration needs the time of the request.
     */
    @UpdateMethod
    PlanChangeQuote previewPlanChange(PlanChangeRequest request);

    @UpdateValidatorMethod(updateName = "previewPlanChange")
    void validatePlanChangePreview(PlanChangeRequest request);

    /**
     * Changes the quantity of the plan or of one add-on (adding or removing it), prorated exactly as a plan change:
     * an increase is charged now for the rest of the period; a decrease or removal applies at the period end, or now
     * with a prorated credit when the change asks for it. The answer's quote has the plan's id on both sides.
     */
    @UpdateMethod
    PlanChangeResult changeItems(ItemChange change);

    @UpdateValidatorMethod(updateName = "changeItems")
    void validateItemChange(ItemChange change);

    /** What {@link #changeItems} would do now, changing nothing (an update for the time of the request). */
    @UpdateMethod
    PlanChangeQuote previewItemChange(ItemChange change);

    @UpdateValidatorMethod(updateName = "previewItemChange")
    void validateItemChangePreview(ItemChange change);

    /** Redeems a coupon for the next invoices; rejected when one already applies or the code is not valid. */
    @UpdateMethod
    SubscriptionState applyCoupon(CouponApplication application);

    @UpdateValidatorMethod(updateName = "applyCoupon")
    void validateCoupon(CouponApplication application);

    /**
     * Moves the subscriber to a newer catalog version of the same plan (a new price): from the next period when a
     * period is already billed, at once during a trial or a pause. Subscribers keep their version until this runs.
     */
    @UpdateMethod
    SubscriptionState migratePlanVersion(PlanTerms to);

    @UpdateValidatorMethod(updateName = "migratePlanVersion")
    void validatePlanMigration(PlanTerms to);

    /**
     * Where the boxes of the periods paid from now on go; boxes already started keep theirs (an order's own address
     * changes until it is booked). Rejected for an invalid address or a canceled subscription.
     */
    @UpdateMethod
    SubscriptionState changeShippingAddress(ShippingAddress address);

    @UpdateValidatorMethod(updateName = "changeShippingAddress")
    void validateShippingAddressChange(ShippingAddress address);

    /**
     * Skips the next period's box of a physical plan (that period is not charged) or delays it by up to one period
     * (charged as usual, its order started later). Rejected for a plan without boxes, when no box is coming, for a
     * delay beyond one period, and when that box is already skipped, delayed or billed.
     */
    @UpdateMethod
    SubscriptionState changeNextBox(NextBoxChange change);

    @UpdateValidatorMethod(updateName = "changeNextBox")
    void validateNextBoxChange(NextBoxChange change);

    /**
     * Waits until the first charge is known and answers the state then: ACTIVE (paid), CANCELED with
     * {@code cancelReason incomplete_expired} (declined, for a {@code CHARGE_NOW} subscription), or PAST_DUE with a
     * {@code nextAction} (the customer must authenticate it). A trial has no first charge and answers at once.
     * The API sends it with the start (update-with-start), so a retried create attaches to the same answer.
     */
    @UpdateMethod
    SubscriptionState firstCharge();

    @UpdateValidatorMethod(updateName = "firstCharge")
    void validateFirstCharge();

    /** Ops "retry now" on a past-due subscription. */
    @SignalMethod
    void retryPayment(PaymentRetryRequest request);

    /** A new card: future charges use it, and a past-due invoice is retried with it at once. */
    @SignalMethod
    void updatePaymentMethod(PaymentMethodUpdate update);

    /**
     * The customer answered the charge that waits for them ({@link SubscriptionState#nextAction()}); the outcome is
     * read from the provider under the charge's key, so a repeated or stale answer changes nothing.
     */
    @SignalMethod(name = CUSTOMER_ACTION_ANSWERED)
    void customerActionAnswered(CustomerActionAnswer answer);

    /** The name of the {@link #customerActionAnswered} signal, for callers without the interface. */
    String CUSTOMER_ACTION_ANSWERED = "customerActionAnswered";

    /**
     * An invoice of this subscription was paid outside a charge (a matched bank transfer, a redirect method); the
     * workflow reads the ledger, so the notice only wakes it.
     */
    @SignalMethod(name = INVOICE_PAID)
    void invoicePaid(InvoicePaymentNotice notice);

    /** The name of the {@link #invoicePaid} signal, for callers without the interface. */
    String INVOICE_PAID = "invoicePaid";

    /**
     * Ops approve or refuse a first charge held for risk review ({@link FirstChargeRiskReview}), with a reason:
     * approved, it is charged; refused, the subscription ends uncharged. Rejected unless a review is waiting.
     */
    @UpdateMethod
    SubscriptionState decideRisk(RiskDecision decision);

    @UpdateValidatorMethod(updateName = "decideRisk")
    void validateRiskDecision(RiskDecision decision);

    @QueryMethod
    SubscriptionState state();
}
