package io.perennial.subscription;

/**
 * The {@code Workflow.getVersion} change ids of the subscription engine, in one place: each is recorded in the
 * histories of subscriptions that ran past it, so none may ever be renamed or removed.
 */
final class EngineChanges {
    /** Subscriptions started before this version run {@link SkeletonLifecycle} to the end. */
    static final String ENGINE = "lifecycle-engine";
    /** Physical plans record each paid period's box as due (an activity the first engine never called). */
    static final String BOXES = "subscription-boxes";
    /** Physical plans with an address ship each paid period's box as a child order (see {@link BoxOrders}). */
    static final String BOX_ORDERS = "subscription-box-orders";
    /** Renewal charges give up after the gateway retry window and put the renewal on hold. */
    static final String GATEWAY_HOLD = "gateway-hold";
    /**
     * A pause whose rules no longer hold once it has the lock (the renewal it waited for declined) is refused instead
     * of applied. Asked only when that happens, so histories without the race carry no marker.
     */
    static final String PAUSE_RULES_IN_LOCK = "pause-rules-in-lock";
    /**
     * A change accepted while the read model was being written is written too, before the workflow waits or ends.
     * Asked only when that happens.
     */
    static final String PUBLISH_EVERY_REVISION = "publish-every-revision";
    /** A new shipping address is a change the workflow writes to the read model (the API no longer writes it). */
    static final String ADDRESS_IN_READ_MODEL = "address-in-read-model";
    /**
     * A change that credits the unused time of a paid period first asks the ledger what the period can still give
     * back (an ops refund may have given it back already), and credits no more. Asked only by such a change.
     */
    static final String PERIOD_RETURNS = "period-returns";

    /**
     * Canceling a renewal on hold (its charge in doubt) asks the provider what it took once the invoice is voided, and
     * gives it back. Asked only when that happens.
     */
    static final String SETTLE_VOIDED_CHARGE = "settle-voided-charge";

    /**
     * A renewal or dunning charge the issuer asks the customer to authenticate waits for the customer (with a
     * deadline) instead of being declined at once ({@link CustomerAuthentication}). Asked before each such charge.
     */
    static final String CUSTOMER_AUTHENTICATION = "customer-authentication";

    /**
     * A hard decline ({@code DeclineCodes#isHard}: stolen, lost, closed card...) is told to the customer as a card
     * that cannot be charged, and dunning stops retrying that card: the invoice waits for a new payment method until
     * the schedule's last slot. Asked only when a charge is declined with a hard code.
     */
    static final String HARD_DECLINES = "hard-declines";

    /**
     * A subscription collected by {@code SEND_INVOICE} sends each period's invoice and waits until its due date for
     * payment instead of charging ({@link SentInvoices}). Asked only by such subscriptions, before each invoice.
     */
    static final String SEND_INVOICE = "send-invoice";

    /**
     * A past-due subscription's payment issue and the time collecting first failed are search attributes
     * ({@code PaymentIssue}, {@code PaymentIssueSince}), upserted when they change, so the ops failed-renewal list
     * filters in the visibility query. Asked only once a payment issue first appears in a run.
     */
    static final String PAYMENT_ISSUE_SEARCHABLE = "payment-issue-searchable";

    /**
     * An upgrade's charge is tried once, briefly, while the customer waits ({@code InvoiceCollection.Patience
     * #ONE_ATTEMPT}) instead of until the provider answers: a provider that fails voids the invoice, gives back what
     * the attempt may have taken, and refuses the change (the API answers 503 with Retry-After). Asked before each
     * upgrade charge.
     */
    static final String PLAN_CHANGE_ONE_ATTEMPT = "plan-change-one-attempt";

    /**
     * A physical plan's next box may be skipped (the period is not billed and ships nothing) or delayed (billed as
     * usual, its box order started later) ({@link NextBoxes}). Asked only when a billed period has such a change.
     */
    static final String NEXT_BOX_CHANGES = "next-box-changes";

    /**
     * A subscription created with {@code CHARGE_NOW} whose first charge is declined ends at once, its invoice voided
     * ({@code incomplete_expired}), instead of entering dunning. Asked only when that happens.
     */
    static final String CHARGE_NOW = "charge-now";

    /**
     * A cancel of a subscription whose sent invoice awaits payment (or is overdue) voids it only if still open, and
     * a bank transfer that paid it first serves the period (its box ships) before the cancel ends it; before, the
     * void was blind and such a transfer bought nothing ({@link SentInvoices#voidSent}). Asked only on such a cancel.
     */
    static final String CANCEL_SEES_TRANSFER = "cancel-sees-transfer";

    /**
     * A run due to hand over (continue-as-new) while a create-and-charge waits for its first charge on hold hands over
     * only once that charge is known; before, the hand-over waited for the waiting handler and the handler for a
     * retry only the main loop makes, for ever. Asked only in that state.
     */
    static final String FIRST_CHARGE_BEFORE_HAND_OVER = "first-charge-before-hand-over";

    /**
     * A subscription's first charge is scored by the orders' risk check first ({@link FirstChargeRiskReview}): above
     * the review threshold it waits for an ops decision until a deadline, above the refuse threshold it ends
     * uncharged. Asked only before the first charge of a subscription started with {@code riskChecked}.
     */
    static final String FIRST_CHARGE_RISK_REVIEW = "first-charge-risk-review";

    /**
     * A box change while the delay of a begun but unpaid period waits for its payment (a sent invoice) is refused;
     * before, it took the delay's place and the period's box shipped at once when paid. Asked only when that happens
     * ({@link NextBoxes#checkNoDelayPending}).
     */
    static final String NEXT_BOX_DELAY_KEPT = "next-box-delay-kept";

    /**
     * A subscription's quantity and add-ons change mid-period by the {@code changeItems} Update ({@link ItemChanges}):
     * prorated now like a plan change, or scheduled for the period end. Asked by each such change.
     */
    static final String ITEM_CHANGES = "subscription-item-changes";

    /**
     * A mid-period plan or item change is discounted by the coupon the period was sold with (another interval's new
     * period by the coupon while it lasts, using one of its invoices), and the changed period is worth its discounted
     * price; before, the change was charged in full and the period then worth its full price
     * ({@link PlanChanges#couponOf}). Asked by each preview and change.
     */
    static final String COUPON_ON_CHANGES = "coupon-on-changes";

    /**
     * A period's invoice is issued and charged in one activity ({@code IssueAndChargeInvoice}) instead of
     * {@code IssueInvoice} then {@code ChargeInvoice}: one workflow task and one activity fewer per renewal (issue 14's
     * billing-day burst). Asked before each period's invoice of a subscription charged automatically.
     */
    static final String ISSUE_AND_CHARGE = "issue-and-charge";

    /**
     * The read model is written by a local activity inside the workflow task that changed the state (and starts the
     * next timer), not by an activity of its own: one workflow task and one activity fewer each time the subscription
     * publishes (issue 14's billing-day burst). A retry or new card asked for while a charge is in flight is kept
     * for that charge ({@link ThisRun#keepsRetryWhileActing()}). Asked at each run's first publish.
     */
    static final String PUBLISH_LOCALLY = "publish-locally";

    /**
     * An upgrade's charge the issuer asks the customer to authenticate leaves the change pending
     * ({@link AwaitedPlanChange}) instead of declining it: approved, it applies; refused, unanswered by the deadline,
     * or overtaken by the period end or a cancel, the old plan stays. Asked before each upgrade charge.
     */
    static final String PLAN_CHANGE_AUTHENTICATION = "plan-change-authentication";

    /**
     * Dunning used up on a plan whose outcome is {@link DunningOutcome#SUSPEND} suspends the subscription and leaves
     * its invoice open ({@link Suspension}) instead of writing it off and canceling. Asked only by such plans, when
     * the schedule is used up.
     */
    static final String DUNNING_SUSPEND = "dunning-suspend";

    /**
     * A renewal held only because the provider was down (the customer was never told it failed: no decline, no
     * {@code payment_failed}) is paid without a {@code payment_recovered} email, which would tell of a failure they
     * never heard of. Asked only when such a held renewal is paid.
     */
    static final String QUIET_HELD_RECOVERY = "quiet-held-recovery";

    private EngineChanges() {
    }
}
