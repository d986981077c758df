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
import io.perennial.api.payment.PaymentMethodService;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * My saved payment methods: the list with the default first, add one (the simulated provider's test cards, as a
 * card form would hand over its token), make one the default, remove one. {@link PaymentMethodService} is the JSON
 * API's, so another customer's method is as unknown (404) here as there.
 */
@Controller(PortalSessions.PATH + "/payment-methods")
@BillingUsersMay
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@CsrfChecked
public class PortalPaymentMethodController {

    private static final String PAGE = PortalSessions.PATH + "/payment-methods";
    private static final Set<String> DONE = Set.of("card-added", "card-default", "card-removed");
    private static final int MAX_LABEL = 60;

    private final PaymentMethodService methods;
    private final PortalPages pages;

    public PortalPaymentMethodController(PaymentMethodService methods, PortalPages pages) {
        this.methods = methods;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable Authentication authentication,
                                @QueryValue @Nullable String done) {
        return signedIn(request, authentication, caller -> pages.page(request, "portal/payment-methods", Map.of(
                "methods", methods.mine(caller.requireCustomer()),
                "cards", PortalPlansController.TEST_CARDS,
                "done", done != null && DONE.contains(done) ? done : "")));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> add(HttpRequest<?> request, @Nullable Authentication authentication,
                               @Body PortalForms.NewCard form) {
        return signedIn(request, authentication, caller -> {
            String card = PortalForms.text(form.card());
            if (!PortalPlansController.TEST_CARDS.contains(card)) {
                throw ApiProblems.invalidField("/card", "choose one of the cards offered");
            }
            String label = PortalForms.text(form.label());
            if (label.length() > MAX_LABEL) {
                throw ApiProblems.invalidField("/label", "at most " + MAX_LABEL + " characters");
            }
            // Without a label of the customer's own, the card's name says which it is (the token is never shown).
            methods.save(caller.requireCustomer(), card, label.isEmpty() ? pages.message(request, "card." + card)
                    : label);
            return PortalPages.redirect(PAGE + "?done=card-added");
        });
    }

    @Post(uri = "/{id}/default", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> makeDefault(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                       @Body PortalForms.Action form) {
        return signedIn(request, authentication, caller -> {
            methods.makeDefault(caller.requireCustomer(), id);
            return PortalPages.redirect(PAGE + "?done=card-default");
        });
    }

    @Post(uri = "/{id}/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> remove(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                  @Body PortalForms.Action form) {
        return signedIn(request, authentication, caller -> {
            methods.remove(caller.requireCustomer(), id);
            return PortalPages.redirect(PAGE + "?done=card-removed");
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
}
