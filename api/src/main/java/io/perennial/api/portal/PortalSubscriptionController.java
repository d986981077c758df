package io.perennial.api.portal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.billing.BillingReads;
import io.perennial.api.catalog.PlanView;
import io.perennial.api.order.OrderRequests;
import io.perennial.api.payment.CustomerActions;
import io.perennial.api.payment.PaymentMethodService;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.subscription.ApplyCouponRequest;
import io.perennial.api.subscription.CancelSubscriptionRequest;
import io.perennial.api.subscription.ChangeItemsRequest;
import io.perennial.api.subscription.ChangePlanRequest;
import io.perennial.api.subscription.DelayNextBoxRequest;
import io.perennial.api.subscription.PauseSubscriptionRequest;
import io.perennial.api.subscription.SubscriptionChanges;
import io.perennial.api.subscription.SubscriptionService;
import io.perennial.api.subscription.SubscriptionView;
import io.perennial.api.subscription.UpdatePaymentMethodRequest;
import io.perennial.catalog.AddOnCatalogue;
import io.perennial.catalog.Catalog;
import io.perennial.payment.SavedPaymentMethod;
import io.perennial.subscription.AddOnItem;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Validator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * My subscriptions: the list, one subscription with its invoices and payments, and the changes a subscriber makes.
 * Every action calls the same SubscriptionService/SubscriptionChanges method as the JSON API, with the same
 * ownership check: another customer's subscription is 404 here too. A plan change is previewed first (the API's
 * preview) and applied only from the confirmation page.
 */
@Controller(PortalSessions.PATH + "/subscriptions")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@CsrfChecked
public class PortalSubscriptionController {

    /** The reasons a subscriber picks from when cancelling (reason codes of the API). */
    static final List<String> CANCEL_REASONS = List.of("too_expensive", "not_using", "missing_features",
            "switching", "other");
    private static final Set<String> DONE = Set.of("subscribed", "plan-changed", "canceled", "uncanceled",
            "paused", "resumed", "coupon-applied", "box-skipped", "card-changed",
            "address-changed", "box-delayed", "offer-accepted", "items-changed", "payment-answered");

    private final SubscriptionService subscriptions;
    private final SubscriptionChanges changes;
    private final BillingReads billing;
    private final Catalog catalog;
    private final PortalPages pages;
    private final Validator validator;
    private final PaymentMethodService savedMethods;
    private final RetentionOffer retention;
    private final AddOnCatalogue addOns;
    private final CustomerActions customerActions;

    public PortalSubscriptionController(SubscriptionService subscriptions, SubscriptionChanges changes,
                                        BillingReads billing, Catalog catalog, PortalPages pages,
                                        Validator validator, PaymentMethodService savedMethods,
                                        RetentionOffer retention, AddOnCatalogue addOns,
                                        CustomerActions customerActions) {
        this.customerActions = customerActions;
        this.addOns = addOns;
        this.savedMethods = savedMethods;
        this.retention = retention;
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.billing = billing;
        this.catalog = catalog;
        this.pages = pages;
        this.validator = validator;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable Authentication authentication) {
        return signedIn(request, authentication, caller -> pages.page(request, "portal/subscriptions",
                Map.of("subscriptions", subscriptions.list(caller, 100, null, null, null, null).items())));
    }

    @Get(uri = "/{id}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> show(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                @QueryValue @Nullable String done) {
        return signedIn(request, authentication, caller -> {
            UUID subscriptionId = parse(id);
            SubscriptionView subscription = subscriptions.get(caller, subscriptionId);
            List<PlanView> otherPlans = catalog.activeOffers().stream().map(PlanView::of)
                    .filter(plan -> !plan.id().equals(subscription.planId())).toList();
            return pages.page(request, "portal/subscription", Map.ofEntries(
                    Map.entry("s", subscription),
                    Map.entry("invoices", billing.invoicesOfSubscription(caller, subscriptionId)),
                    Map.entry("payments", billing.paymentsOfSubscription(caller, subscriptionId)),
                    Map.entry("plans", otherPlans),
                    Map.entry("addOnOffers", addOnOffers(subscription)),
                    Map.entry("reasons", CANCEL_REASONS),
                    Map.entry("saved", caller.customerId().map(savedMethods::mine).orElse(List.of())),
                    Map.entry("cards", PortalPlansController.TEST_CARDS),
                    Map.entry("maxDelayDays", maxDelayDays(subscription.nextBox())),
                    Map.entry("done", done != null && DONE.contains(done) ? done : "")));
        });
    }

    @Post(uri = "/{id}/plan-change/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> previewPlanChange(HttpRequest<?> request, @Nullable Authentication authentication,
                                             String id, @Body PortalForms.PlanChange form) {
        return signedIn(request, authentication, caller -> {
            UUID subscriptionId = parse(id);
            ChangePlanRequest change = valid(new ChangePlanRequest(PortalForms.text(form.planId())), "/planId");
            return pages.page(request, "portal/plan-change", Map.of(
                    "s", subscriptions.get(caller, subscriptionId),
                    "quote", changes.previewPlanChange(caller, subscriptionId, change)));
        });
    }

    @Post(uri = "/{id}/plan-change", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> changePlan(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                      @Body PortalForms.PlanChange form) {
        return act(request, authentication, id, "plan-changed", (caller, subscriptionId) -> changes.changePlan(
                caller, subscriptionId, valid(new ChangePlanRequest(PortalForms.text(form.planId())), "/planId")));
    }

    /**
     * The numbers of a change of seats or of one add-on, from the API's own preview (credit, charge, due now; a
     * decrease applies at the period end), with the form that confirms it. Nothing changes yet.
     */
    @Post(uri = "/{id}/items/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> previewItems(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                        @Body PortalForms.Items form) {
        return signedIn(request, authentication, caller -> {
            UUID subscriptionId = parse(id);
            ChangeItemsRequest change = items(form);
            SubscriptionView subscription = subscriptions.get(caller, subscriptionId);
            return pages.page(request, "portal/items-change", Map.of(
                    "s", subscription,
                    "change", change,
                    "addOnName", change.addOn() == null ? "" : addOnName(subscription, change.addOn()),
                    "addOnBefore", change.addOn() == null ? 0 : addOnQuantity(subscription, change.addOn()),
                    "quote", changes.previewItemChange(caller, subscriptionId, change)));
        });
    }

    @Post(uri = "/{id}/items", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> changeItems(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                       @Body PortalForms.Items form) {
        return act(request, authentication, id, "items-changed", (caller, subscriptionId) ->
                changes.changeItems(caller, subscriptionId, items(form)));
    }

    /**
     * Cancels at the period's end with the reason given; first, where a retention coupon is configured and could
     * apply, the subscriber is offered it instead (a page; nothing changes until they choose).
     */
    @Post(uri = "/{id}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> cancel(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                  @Body PortalForms.Cancel form) {
        String reason = CANCEL_REASONS.contains(PortalForms.text(form.reason())) ? form.reason().trim() : "other";
        if (retention.configured() && !"declined".equals(PortalForms.text(form.offer()))) {
            HttpResponse<?> offered = signedIn(request, authentication, caller -> {
                SubscriptionView subscription = subscriptions.get(caller, parse(id));
                return retention.offerFor(subscription).<HttpResponse<?>>map(coupon -> pages.page(request,
                        "portal/retention", Map.of("s", subscription, "offer", coupon, "reason", reason)))
                        .orElse(null);
            });
            if (offered != null) {
                return offered;
            }
        }
        return act(request, authentication, id, "canceled", (caller, subscriptionId) -> changes.cancel(caller,
                subscriptionId, new CancelSubscriptionRequest(null, reason, null)));
    }

    /** The retention offer accepted: its coupon applied by the API's own Update instead of cancelling. */
    @Post(uri = "/{id}/retention-offer", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> acceptRetentionOffer(HttpRequest<?> request, @Nullable Authentication authentication,
                                                String id, @Body PortalForms.Action form) {
        return act(request, authentication, id, "offer-accepted", (caller, subscriptionId) -> {
            var coupon = retention.offerFor(subscriptions.get(caller, subscriptionId)).orElseThrow(() ->
                    ApiProblems.notFoundBecause("No offer for subscription " + subscriptionId + "."));
            return changes.applyCoupon(caller, subscriptionId, new ApplyCouponRequest(coupon.code()));
        });
    }

    @Post(uri = "/{id}/uncancel", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> uncancel(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                    @Body PortalForms.Action form) {
        return act(request, authentication, id, "uncanceled", changes::uncancel);
    }

    @Post(uri = "/{id}/pause", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> pause(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                 @Body PortalForms.Action form) {
        return act(request, authentication, id, "paused", (caller, subscriptionId) -> changes.pause(caller,
                subscriptionId, new PauseSubscriptionRequest(null, null)));
    }

    @Post(uri = "/{id}/resume", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> resume(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                  @Body PortalForms.Action form) {
        return act(request, authentication, id, "resumed", changes::resume);
    }

    @Post(uri = "/{id}/coupon", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> applyCoupon(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                       @Body PortalForms.Coupon form) {
        return act(request, authentication, id, "coupon-applied", (caller, subscriptionId) -> changes.applyCoupon(
                caller, subscriptionId, valid(new ApplyCouponRequest(PortalForms.text(form.code())), "/code")));
    }

    /**
     * The customer's answer to a payment that waits for them ({@code nextAction}), as the JSON API's
     * payment-authentication: the simulated provider's page; with a real provider it is the provider's (409 here).
     */
    @BillingUsersMay
    @Post(uri = "/{id}/payment-authentication", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> answerPayment(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                         @Body PortalForms.PaymentAnswer form) {
        return act(request, authentication, id, "payment-answered", (caller, subscriptionId) -> {
            customerActions.authenticateSimulated(caller, subscriptionId, "true".equals(form.approve()));
            return subscriptionId;
        });
    }

    /** Skips the next box of a box plan: that period is neither shipped nor charged (docs/billing.md). */
    @Post(uri = "/{id}/next-box/skip", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> skipNextBox(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                       @Body PortalForms.Action form) {
        return act(request, authentication, id, "box-skipped", (caller, subscriptionId) -> changes.skipNextBox(
                caller, subscriptionId, null));
    }

    /**
     * Which card the subscription charges from now on: a saved one (the API resolves it, refusing another
     * customer's) or a test card. A past-due subscription is charged with it at once, as through the API.
     */
    @BillingUsersMay
    @Post(uri = "/{id}/payment-method", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> changeCard(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                      @Body PortalForms.ChangeCard form) {
        String card = PortalForms.text(form.paymentMethod());
        return act(request, authentication, id, "card-changed", (caller, subscriptionId) -> {
            if (!PortalPlansController.TEST_CARDS.contains(card) && !SavedPaymentMethod.isSavedId(card)) {
                throw ApiProblems.invalidField("/paymentMethod", "choose one of the cards offered");
            }
            changes.updatePaymentMethod(caller, subscriptionId, new UpdatePaymentMethodRequest(card));
            return null;
        });
    }

    /** Where the boxes of the periods paid from now on go (the API's Update: an ended subscription is 409). */
    @Post(uri = "/{id}/shipping-address", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> changeShippingAddress(HttpRequest<?> request, @Nullable Authentication authentication,
                                                 String id, @Body PortalForms.Address form) {
        return act(request, authentication, id, "address-changed", (caller, subscriptionId) ->
                changes.changeShippingAddress(caller, subscriptionId, valid(form.toRequest())));
    }

    /**
     * Starts the next box {@code days} later, by one period at most, charged as usual: the API's own delay, which
     * answers 422 beyond that. {@code period} is the box the page showed, so a stale page cannot move the next one.
     */
    @Post(uri = "/{id}/next-box/delay", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> delayNextBox(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                        @Body PortalForms.Delay form) {
        return act(request, authentication, id, "box-delayed", (caller, subscriptionId) -> changes.delayNextBox(
                caller, subscriptionId, valid(new DelayNextBoxRequest(null, number(form.days(), "/days"),
                        PortalForms.text(form.period()).isEmpty() ? null : number(form.period(), "/period")))));
    }

    /** What an action does to one subscription; its answer is not needed (the page reads the state again). */
    interface Action {
        Object apply(CurrentUser caller, UUID subscriptionId);
    }

    /** Runs the action, then back to the subscription's page (post/redirect/get) with what was done. */
    private HttpResponse<?> act(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                String done, Action action) {
        return signedIn(request, authentication, caller -> {
            UUID subscriptionId = parse(id);
            action.apply(caller, subscriptionId);
            return PortalPages.redirect(PortalSessions.PATH + "/subscriptions/" + subscriptionId + "?done=" + done);
        });
    }

    private HttpResponse<?> signedIn(HttpRequest<?> request, @Nullable Authentication authentication,
                                     Function<CurrentUser, HttpResponse<?>> page) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            return page.apply(caller.get());
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }

    /** Checked as the API checks its body: the first violation names its field. */
    private <T> T valid(T form) {
        var violations = validator.validate(form);
        if (!violations.isEmpty()) {
            var first = violations.iterator().next();
            throw ApiProblems.invalidField("/" + first.getPropertyPath(), first.getMessage());
        }
        return form;
    }

    private <T> T valid(T form, String pointer) {
        var violations = validator.validate(form);
        if (!violations.isEmpty()) {
            throw ApiProblems.invalidField(pointer, violations.iterator().next().getMessage());
        }
        return form;
    }

    private static Integer number(@Nullable String value, String pointer) {
        try {
            return Integer.valueOf(PortalForms.text(value));
        } catch (NumberFormatException e) {
            throw ApiProblems.invalidField(pointer, "a whole number, please");
        }
    }

    /** The API's items request from the form: seats, or one add-on's new quantity; checked as the API checks it. */
    private ChangeItemsRequest items(PortalForms.Items form) {
        String addOn = PortalForms.orNull(form.addOn());
        return valid(addOn == null
                ? new ChangeItemsRequest(number(form.quantity(), "/quantity"), null, null, null)
                : new ChangeItemsRequest(null, addOn, number(form.addOnQuantity(), "/addOnQuantity"), null));
    }

    /** The add-ons the catalogue offers with the subscription's plan, priced in its currency, for the form. */
    private List<AddOnItem> addOnOffers(SubscriptionView subscription) {
        return addOns.all().stream()
                .filter(offer -> offer.addOn().active() && offer.availableWith(subscription.planId()))
                .flatMap(offer -> offer.item(subscription.currency(), 1).stream()).toList();
    }

    private String addOnName(SubscriptionView subscription, String code) {
        return subscription.addOns().stream().filter(item -> item.code().equals(code))
                .map(SubscriptionView.AddOnView::name).findFirst()
                .or(() -> addOns.find(code).map(offer -> offer.addOn().name())).orElse(code);
    }

    private static int addOnQuantity(SubscriptionView subscription, String code) {
        return subscription.addOns().stream().filter(item -> item.code().equals(code))
                .mapToInt(SubscriptionView.AddOnView::quantity).sum();
    }

    /** How many days the next box may be delayed by (0: it cannot be), for the form's limit. */
    static long maxDelayDays(@Nullable SubscriptionView.NextBoxView next) {
        if (next == null || next.skipped() || next.delayed() || next.latestDelay() == null) {
            return 0;
        }
        return java.time.Duration.between(next.startsAt(), next.latestDelay()).toDays();
    }

    /** A malformed id names no subscription of the caller's: 404, as for anyone else's. */
    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblems.notFound("Subscription", id);
        }
    }
}
