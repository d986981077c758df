package io.perennial.api.portal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.ObjectMapper;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.catalog.PlanView;
import io.perennial.api.payment.PaymentMethodService;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.subscription.CreateSubscriptionRequest;
import io.perennial.api.subscription.SubscriptionService;
import io.perennial.api.subscription.SubscriptionView;
import io.perennial.catalog.Catalog;
import io.perennial.points.PointsClock;
import io.perennial.recommendation.Recommendations;
import io.perennial.payment.SavedPaymentMethod;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Validator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Choose a plan: the public price list, and subscribing through SubscriptionService.subscribe, the create path of
 * the JSON API. Digital plans only (a box plan needs a shipping address, which this page does not ask for yet).
 */
@Controller(PortalSessions.PATH + "/plans")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@CsrfChecked
public class PortalPlansController {

    /** The simulated provider's test cards, as a storefront's card form would hand over its token. */
    static final List<String> TEST_CARDS = List.of("pm_card_visa", "pm_card_mastercard");

    private final Catalog catalog;
    private final SubscriptionService subscriptions;
    private final PortalPages pages;
    private final Validator validator;
    private final PaymentMethodService savedMethods;
    private final IdempotentRequests idempotency;
    private final ObjectMapper json;
    private final Recommendations recommendations;
    private final PointsClock clock;

    public PortalPlansController(Catalog catalog, SubscriptionService subscriptions, PortalPages pages,
                                 Validator validator, PaymentMethodService savedMethods,
                                 IdempotentRequests idempotency, ObjectMapper json, Recommendations recommendations,
                                 PointsClock clock) {
        this.recommendations = recommendations;
        this.clock = clock;
        this.idempotency = idempotency;
        this.json = json;
        this.savedMethods = savedMethods;
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.pages = pages;
        this.validator = validator;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable Authentication authentication) {
        if (authentication == null) {
            return PortalPages.toSignIn();
        }
        // The saved cards first, the default (listed first) chosen unless the subscriber picks another.
        var saved = CurrentUser.of(authentication).customerId().map(savedMethods::mine).orElse(List.of());
        List<PlanView> plans = digitalPlans();
        // One key per form, fresh on every render: a second submit of this form is a retry, a new visit a new try.
        Map<String, String> keys = new HashMap<>();
        plans.forEach(plan -> keys.put(plan.id(), UUID.randomUUID().toString()));
        // What the recommendations API would answer: the same model, the customer's own behaviour and purchases.
        var recommended = CurrentUser.of(authentication).customerId()
                .map(customerId -> recommendations.forCustomer(customerId, clock.now(), 5)).orElse(List.of());
        return pages.page(request, "portal/plans", Map.of("plans", plans, "cards", TEST_CARDS,
                "saved", saved, "keys", keys, "recommended", recommended));
    }

    @Post(uri = "/{planId}/subscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> subscribe(HttpRequest<?> request, @Nullable Authentication authentication, String planId,
                                     @Body PortalForms.Subscribe form) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        String coupon = PortalForms.text(form.couponCode());
        String card = PortalForms.text(form.paymentMethod());
        // A saved id is resolved (and refused if not the caller's) by the API's own path, as for a JSON client.
        CreateSubscriptionRequest create = new CreateSubscriptionRequest(planId,
                TEST_CARDS.contains(card) || SavedPaymentMethod.isSavedId(card) ? card : TEST_CARDS.get(0),
                coupon.isEmpty() ? null : coupon, null,
                PortalForms.text(form.currency()).isEmpty() ? null : form.currency().trim(), null, null, null,
                null, null, null);
        try {
            var violations = validator.validate(create);
            if (!violations.isEmpty()) {
                var first = violations.iterator().next();
                throw ApiProblems.invalidField("/" + first.getPropertyPath(), first.getMessage());
            }
            HttpResponse<?> answer = subscribeOnce(caller.get(), create, PortalForms.orNull(form.idempotencyKey()));
            if (answer.code() >= 400) {
                // The first submit's refusal, replayed from its stored problem document.
                throw new ProblemException(json.readValue(answer.getBody(String.class).orElseThrow(), Problem.class));
            }
            String location = answer.getHeaders().get(HttpHeaders.LOCATION);
            return PortalPages.redirect(PortalSessions.PATH + "/subscriptions/"
                    + location.substring(location.lastIndexOf('/') + 1) + "?done=subscribed");
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /**
     * The JSON API's create under its Idempotency-Key rules (same owner, route and key): the same form posted again
     * gets the first answer, and no second subscription. A second submit that arrives while the first still runs
     * waits for it (a few seconds at most) rather than showing the subscriber "in progress".
     */
    private HttpResponse<?> subscribeOnce(CurrentUser caller, CreateSubscriptionRequest create, @Nullable String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return idempotency.run(caller.userId().toString(), "POST /v1/subscriptions", key, create, () -> {
                    SubscriptionView created = subscriptions.subscribe(caller, create, key);
                    return HttpResponse.created(created, URI.create("/v1/subscriptions/" + created.id()));
                });
            } catch (ProblemException refused) {
                if (attempt == 20 || !refused.problem().type().endsWith("/idempotency-key-in-use")) {
                    throw refused;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private List<PlanView> digitalPlans() {
        return catalog.activeOffers().stream().map(PlanView::of).filter(plan -> plan.box().isEmpty()).toList();
    }
}
