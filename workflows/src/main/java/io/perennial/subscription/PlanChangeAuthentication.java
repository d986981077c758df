package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.InvoiceStatus;
import io.perennial.subscription.InvoiceCollection.Outcome;
import io.perennial.temporal.ActivityStubs;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import static io.perennial.temporal.BusinessTime.now;

/**
 * An upgrade whose charge the issuer asks the customer to authenticate, as Stripe's {@code pending_if_incomplete}
 * updates: the change stays pending ({@link AwaitedPlanChange}) and the subscription on what it had, with no
 * dunning of its own. The customer is emailed the link and has until {@link DunningSchedule#customerActionWindow()};
 * answered, the charge settles under its own key: paid, the change applies as quoted; refused, unanswered by the
 * deadline, or still open when the period ends (its proration would be stale), the provider's request is closed and
 * the change's invoice voided. Until then no other change or pause is taken ({@link ChangeRules}); a cancel drops it.
 */
final class PlanChangeAuthentication {

    private static final Logger log = Workflow.getLogger(PlanChangeAuthentication.class);

    private final BillingActivities billing = ActivityStubs.database(BillingActivities.class);
    private final SubscriptionStart start;
    private final Subscription s;
    private final InvoiceCollection collection;
    private final CustomerNotices notices;
    private final Consumer<AwaitedPlanChange> applyPaid;

    PlanChangeAuthentication(SubscriptionStart start, Subscription s, InvoiceCollection collection,
                             Consumer<AwaitedPlanChange> applyPaid) {
        this.start = start;
        this.s = s;
        this.collection = collection;
        this.notices = new CustomerNotices(start);
        this.applyPaid = applyPaid;
    }

    /** The change waits for the customer from now; the answer to the Update shows its {@code nextAction}. */
    PlanChangeResult await(PlanChanges.Move move, PlanChangeQuote quote, String invoiceId, long amountDueMinor,
                           BillingPeriod period, String purpose) {
        Instant deadline = now().plus(start.dunning().customerActionWindow());
        AwaitedPlanChange awaited = new AwaitedPlanChange(move.plan(), move.items(), move.ofPlan(), quote, invoiceId,
                amountDueMinor, period, purpose, deadline);
        s.pending.awaitedChange = awaited;
        log.info("Change {} waits for the customer until {}", awaited.charge(), deadline);
        notices.send(awaited.charge() + ":authenticate", "plan_change_action_required",
                Map.of("period", String.valueOf(period.number()), "amountMinor", String.valueOf(amountDueMinor),
                        "currency", s.plan.currency(), "actionUrl", CustomerAuthentication.path(start.subscriptionId()),
                        "expiresAt", deadline.toString()));
        s.changed();
        return new PlanChangeResult(quote, invoiceId, start.stateOf(s));
    }

    /** When the waiting change is to be settled: at once when answered, else its deadline or the period end. */
    Instant dueAt() {
        AwaitedPlanChange awaited = s.pending.awaitedChange;
        if (awaited == null) {
            return null;
        }
        if (s.changeAnswered()) {
            return now();
        }
        Instant periodEnd = s.periodDueAt();
        return periodEnd != null && periodEnd.isBefore(awaited.expiresAt()) ? periodEnd : awaited.expiresAt();
    }

    boolean due() {
        Instant due = dueAt();
        return due != null && !now().isBefore(due);
    }

    /** Settles the waiting change's charge under its own key and applies the change when it is paid. */
    void settle() {
        AwaitedPlanChange awaited = s.pending.awaitedChange;
        boolean answered = s.changeAnswered();
        if (answered) {
            s.arrears.answeredCharge = null;
        }
        Outcome outcome = collection.settleAwaited(awaited.invoiceId(), awaited.amountDueMinor(), awaited.period(),
                awaited.purpose(), !answered);
        if (outcome == Outcome.NEEDS_CUSTOMER) {
            // An answer the provider does not hold yet (a stray or early signal): the change keeps waiting.
            s.changed();
            return;
        }
        s.pending.awaitedChange = null;
        if (outcome == Outcome.PAID) {
            log.info("Change {} authenticated and paid; applied", awaited.charge());
            applyPaid.accept(awaited);
        } else {
            log.info("Change {} not paid ({}); the subscription keeps its plan", awaited.charge(), outcome);
            drop(awaited);
        }
        s.changed();
    }

    /** A cancel while the change waits: it is dropped, and whatever its charge took is given back. */
    void abandon() {
        AwaitedPlanChange awaited = s.pending.awaitedChange;
        if (awaited != null) {
            s.pending.awaitedChange = null;
            drop(awaited);
        }
    }

    /** Voids the change's invoice; asking about the voided invoice closes the provider's request first. */
    private void drop(AwaitedPlanChange awaited) {
        billing.closeUnpaidInvoice(awaited.invoiceId(), InvoiceStatus.VOID);
        collection.giveBackWhatTheVoidedInvoiceTook(awaited.invoiceId(), awaited.period().number());
    }
}
