package io.perennial.api.subscription;

import io.perennial.api.auth.CurrentUser;
import io.perennial.api.order.OrderRequests;
import io.perennial.api.order.OrderService;
import io.perennial.api.payment.PaymentMethodResolver;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.WorkflowProblems;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanOffer;
import io.perennial.catalog.PlanPrice;
import io.perennial.order.ShippingAddress;
import io.perennial.subscription.AddOnChange;
import io.perennial.subscription.AddOnItem;
import io.perennial.subscription.CancelRequest;
import io.perennial.subscription.CouponApplication;
import io.perennial.subscription.ItemChange;
import io.perennial.subscription.NextBox;
import io.perennial.subscription.NextBoxChange;
import io.perennial.subscription.PauseRequest;
import io.perennial.subscription.PaymentMethodUpdate;
import io.perennial.subscription.PaymentRetryRequest;
import io.perennial.subscription.PlanChangeRequest;
import io.perennial.subscription.PlanChangeResult;
import io.perennial.subscription.PlanTerms;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionState;
import io.perennial.subscription.SubscriptionStatus;
import io.perennial.subscription.SubscriptionWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Changes to a running subscription. Each is a workflow Update: the workflow validates it against its live state
 * and answers synchronously, so the client gets the new state or a problem saying why not. Nudges with nothing to
 * answer (a new card, an ops retry) are signals.
 */
@Singleton
public class SubscriptionChanges {

    private final WorkflowClient temporal;
    private final SubscriptionRecordRepository records;
    private final Catalog catalog;

    private final PaymentMethodResolver paymentMethods;
    private final RecordedChanges recordedChanges;
    private final AddOnChoices addOnChoices;

    public SubscriptionChanges(WorkflowClient temporal, SubscriptionRecordRepository records, Catalog catalog,
                               PaymentMethodResolver paymentMethods, RecordedChanges recordedChanges,
                               AddOnChoices addOnChoices) {
        this.recordedChanges = recordedChanges;
        this.addOnChoices = addOnChoices;
        this.paymentMethods = paymentMethods;
        this.temporal = temporal;
        this.records = records;
        this.catalog = catalog;
    }

    public SubscriptionView cancel(CurrentUser caller, UUID id, CancelSubscriptionRequest request) {
        CancelRequest cancel = request == null ? new CancelRequest(null, null)
                : new CancelRequest(request.timing(), request.reason(), Boolean.TRUE.equals(request.refundUnused()));
        return change(caller, id, workflow -> SubscriptionView.live(recorded(id, workflow.cancelSubscription(cancel))));
    }

    public SubscriptionView uncancel(CurrentUser caller, UUID id) {
        return change(caller, id, workflow -> SubscriptionView.live(recorded(id, workflow.uncancel())));
    }

    public SubscriptionView pause(CurrentUser caller, UUID id, PauseSubscriptionRequest request) {
        PauseRequest pause = request == null ? new PauseRequest(null, null)
                : new PauseRequest(request.timing(), request.resumeAt());
        return change(caller, id, workflow -> SubscriptionView.live(recorded(id, workflow.pause(pause))));
    }

    public SubscriptionView resume(CurrentUser caller, UUID id) {
        return change(caller, id, workflow -> SubscriptionView.live(recorded(id, workflow.resume())));
    }

    public PlanChangeView previewPlanChange(CurrentUser caller, UUID id, ChangePlanRequest request) {
        PlanChangeRequest change = new PlanChangeRequest(termsForSale(caller, id, request.planId()));
        return change(caller, id, workflow -> PlanChangeView.preview(workflow.previewPlanChange(change)));
    }

    public PlanChangeView changePlan(CurrentUser caller, UUID id, ChangePlanRequest request) {
        PlanChangeRequest change = new PlanChangeRequest(termsForSale(caller, id, request.planId()));
        return change(caller, id, workflow -> {
            PlanChangeResult result = workflow.changePlan(change);
            recorded(id, result.state());
            return PlanChangeView.applied(result);
        });
    }

    /** The numbers of a change of quantity or add-ons now, exact to the minor unit, changing nothing. */
    public PlanChangeView previewItemChange(CurrentUser caller, UUID id, ChangeItemsRequest request) {
        ItemChange change = itemChange(caller, id, request);
        return change(caller, id, workflow -> PlanChangeView.preview(workflow.previewItemChange(change)));
    }

    public PlanChangeView changeItems(CurrentUser caller, UUID id, ChangeItemsRequest request) {
        ItemChange change = itemChange(caller, id, request);
        return change(caller, id, workflow -> {
            PlanChangeResult result = workflow.changeItems(change);
            recorded(id, result.state());
            return PlanChangeView.applied(result);
        });
    }

    /** The request as the workflow takes it: an add-on to add comes with the catalogue's terms for the plan. */
    private ItemChange itemChange(CurrentUser caller, UUID id, ChangeItemsRequest request) {
        if ((request.quantity() == null) == (request.addOn() == null)) {
            throw ApiProblems.invalidField(request.quantity() == null ? "/quantity" : "/addOn",
                    "give either quantity or addOn (with addOnQuantity)");
        }
        if (request.quantity() != null) {
            if (request.addOnQuantity() != null) {
                throw ApiProblems.invalidField("/addOnQuantity", "only with addOn");
            }
            return ItemChange.quantity(request.quantity(), request.effectiveNow());
        }
        if (request.addOnQuantity() == null) {
            throw ApiProblems.invalidField("/addOnQuantity", "required with addOn (0 removes it)");
        }
        SubscriptionRecord row = running(caller, id);
        // A retired add-on is added to nobody, but one that carries it may still change or remove it: the workflow
        // keeps its terms (and refuses, 409, if it carries it no longer).
        boolean keptRetired = request.addOnQuantity() > 0 && addOnChoices.retired(request.addOn())
                && records.carriesAddOn(id, request.addOn()).orElse(false);
        AddOnItem terms = request.addOnQuantity() == 0 || keptRetired ? null
                : addOnChoices.item(request.addOn(), request.addOnQuantity(), row.planId(), row.currency(),
                        "/addOn");
        return ItemChange.addOn(new AddOnChange(request.addOn(), request.addOnQuantity(), terms),
                request.effectiveNow());
    }

    public SubscriptionView applyCoupon(CurrentUser caller, UUID id, ApplyCouponRequest request) {
        CouponApplication coupon = new CouponApplication(request.code());
        return change(caller, id, workflow -> SubscriptionView.live(recorded(id, workflow.applyCoupon(coupon))));
    }

    /**
     * Where the boxes of the periods paid from now on go: an Update, so an address the workflow refuses (or a
     * subscription that ended) is a problem; the read model keeps it once accepted.
     */
    public OrderRequests.Address changeShippingAddress(CurrentUser caller, UUID id, OrderRequests.Address body) {
        ShippingAddress address = OrderService.shippable(body, "");
        // The workflow writes the read model's address once it has it (one writer per column).
        change(caller, id, workflow -> recorded(id, workflow.changeShippingAddress(address)));
        return OrderRequests.Address.of(address);
    }

    /** Skips the next box: that period is not charged and ships nothing (an Update the workflow may refuse: 409). */
    public SubscriptionView skipNextBox(CurrentUser caller, UUID id, SkipNextBoxRequest request) {
        NextBoxChange skip = NextBoxChange.skip(request == null ? null : request.period(), caller.userId().toString());
        return change(caller, id, workflow -> SubscriptionView.live(recorded(id, workflow.changeNextBox(skip))));
    }

    /**
     * Delays the next box, charged as usual, to {@code until} or by {@code days}. A time outside what the next box
     * allows (as the workflow shows it) is 422; whether the box can change at all, the workflow decides (409).
     */
    public SubscriptionView delayNextBox(CurrentUser caller, UUID id, DelayNextBoxRequest request) {
        if ((request.until() == null) == (request.days() == null)) {
            throw ApiProblems.invalidField("/until", "give either until or days");
        }
        SubscriptionRecord row = running(caller, id);
        NextBox next = nextBox(stub(row));
        boolean changeable = next != null && !next.skipped() && !next.delayed() && next.latestDelay() != null;
        Instant until = request.until() != null ? request.until()
                : changeable ? next.startsAt().plus(Duration.ofDays(request.days())) : null;
        if (changeable && (!until.isAfter(next.startsAt()) || until.isAfter(next.latestDelay()))) {
            throw ApiProblems.delayOutOfRange(request.until() != null ? "/until" : "/days", "The box of period "
                    + next.period() + " starts at " + next.startsAt() + " and can start at most one period later, by "
                    + next.latestDelay() + ".");
        }
        Integer period = request.period() != null ? request.period() : changeable ? next.period() : null;
        NextBoxChange delay = NextBoxChange.delay(period, until, caller.userId().toString());
        return change(caller, id, workflow -> SubscriptionView.live(recorded(id, workflow.changeNextBox(delay))));
    }

    /** The next box as the workflow shows it; null when it cannot answer (the Update then says why not). */
    private static NextBox nextBox(SubscriptionWorkflow workflow) {
        try {
            return workflow.state().nextBox();
        } catch (WorkflowNotFoundException | WorkflowQueryException unanswered) {
            return null;
        }
    }

    /** A signal: the workflow switches cards and, when past due, retries at once. */
    public void updatePaymentMethod(CurrentUser caller, UUID id, UpdatePaymentMethodRequest request) {
        SubscriptionRecord row = running(caller, id);
        stub(row).updatePaymentMethod(new PaymentMethodUpdate(
                paymentMethods.gatewayToken(row.customerId(), request.paymentMethod(), "/paymentMethod")));
    }

    /** Ops "retry now": only a past-due (or suspended) subscription has something to retry. */
    public void retryPayment(CurrentUser caller, UUID id, String reason) {
        SubscriptionRecord row = running(caller, id);
        SubscriptionWorkflow workflow = stub(row);
        SubscriptionStatus status = liveStatus(workflow, row.status());
        if (status != SubscriptionStatus.PAST_DUE && status != SubscriptionStatus.SUSPENDED) {
            throw ApiProblems.notPastDue(id.toString(), status.name());
        }
        workflow.retryPayment(new PaymentRetryRequest(caller.userId().toString(), reason));
    }

    /**
     * The workflow's own status: the read model trails it by one activity, so a renewal recovered a moment ago may
     * still read PAST_DUE there (and a decline a moment ago ACTIVE). The row answers when the workflow cannot.
     */
    private static SubscriptionStatus liveStatus(SubscriptionWorkflow workflow, SubscriptionStatus recorded) {
        try {
            return workflow.state().status();
        } catch (WorkflowNotFoundException | WorkflowQueryException unanswered) {
            return recorded;
        }
    }

    private <T> T change(CurrentUser caller, UUID id, Function<SubscriptionWorkflow, T> update) {
        SubscriptionRecord row = running(caller, id);
        SubscriptionWorkflow workflow = stub(row);
        try {
            return WorkflowProblems.update(id.toString(), () -> update.apply(workflow));
        } catch (ProblemException refused) {
            // The read model trails the workflow by one activity: a subscription canceled a moment ago may still
            // read ACTIVE there. The workflow itself is authoritative on whether it has ended.
            if (refused.problem().status() == 409 && hasEnded(workflow)) {
                throw ApiProblems.subscriptionEnded(id.toString());
            }
            throw refused;
        }
    }

    /** The state an Update answered, once the read model holds it (read-your-writes, see {@link RecordedChanges}). */
    private SubscriptionState recorded(UUID id, SubscriptionState state) {
        return recordedChanges.recorded(id, state);
    }

    private static boolean hasEnded(SubscriptionWorkflow workflow) {
        try {
            return workflow.state().status() == SubscriptionStatus.CANCELED;
        } catch (WorkflowNotFoundException | WorkflowQueryException gone) {
            return true;
        }
    }

    private SubscriptionRecord running(CurrentUser caller, UUID id) {
        SubscriptionRecord row = records.findById(id)
                .filter(found -> caller.mayRead(found.customerId()))
                .orElseThrow(() -> ApiProblems.notFound("Subscription", id));
        if (row.status() == SubscriptionStatus.CANCELED) {
            throw ApiProblems.subscriptionEnded(id.toString());
        }
        return row;
    }

    /** The current version of a plan for sale, priced in the subscription's currency. */
    private PlanTerms termsForSale(CurrentUser caller, UUID id, String planId) {
        SubscriptionRecord row = running(caller, id);
        PlanOffer offer = catalog.offer(planId).filter(found -> found.plan().active())
                .orElseThrow(() -> ApiProblems.unknownPlan(planId));
        List<String> offered = offer.prices().stream().map(PlanPrice::currency).toList();
        PlanPrice price = row.currency() != null
                ? offer.price(row.currency()).orElseThrow(() ->
                        ApiProblems.currencyNotOffered(planId, row.currency(), offered))
                : offer.prices().get(0);
        return offer.terms(price);
    }

    private SubscriptionWorkflow stub(SubscriptionRecord row) {
        return temporal.newWorkflowStub(SubscriptionWorkflow.class, row.workflowId());
    }
}
