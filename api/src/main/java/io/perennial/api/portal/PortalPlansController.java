package io.perennial.api.portal;

import io.micronaut.core.annotation.Nullable;
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
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.catalog.PlanView;
import io.perennial.api.payment.PaymentMethodService;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.subscription.CreateSubscriptionRequest;
import io.perennial.api.subscription.SubscriptionService;
import io.perennial.api.subscription.SubscriptionView;
import io.perennial.catalog.Catalog;
import io.perennial.payment.SavedPaymentMethod;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Validator;

import java.util.List;
import java.util.Map;

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

    public PortalPlansController(Catalog catalog, SubscriptionService subscriptions, PortalPages pages,
                                 Validator validator, PaymentMethodService savedMethods) {
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
        return pages.page(request, "portal/plans", Map.of("plans", digitalPlans(), "cards", TEST_CARDS,
                "saved", saved));
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
            SubscriptionView created = subscriptions.subscribe(caller.get(), create, null);
            return PortalPages.redirect(PortalSessions.PATH + "/subscriptions/" + created.id() + "?done=subscribed");
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }

    private List<PlanView> digitalPlans() {
        return catalog.activeOffers().stream().map(PlanView::of).filter(plan -> plan.box().isEmpty()).toList();
    }
}
