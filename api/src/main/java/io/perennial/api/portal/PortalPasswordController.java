package io.perennial.api.portal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.PasswordResets;
import io.perennial.api.problem.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.HashMap;
import java.util.Map;

/**
 * "Forgot password?": the form that mails a one-time link, and the page the link opens to set a new password.
 * The form's answer is the same for every address (no account enumeration).
 */
@BillingUsersMay
@Controller(PortalSessions.PATH + "/password")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@CsrfChecked
public class PortalPasswordController {

    private final PasswordResets resets;
    private final PortalPages pages;

    public PortalPasswordController(PasswordResets resets, PortalPages pages) {
        this.resets = resets;
        this.pages = pages;
    }

    @Get(uri = "/forgot", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> forgotForm(HttpRequest<?> request) {
        return pages.page(request, "portal/forgot", Map.of("sent", false));
    }

    @Post(uri = "/forgot", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> forgot(HttpRequest<?> request, @Body PortalForms.ForgotPassword form) {
        String email = PortalForms.text(form.email());
        if (email.isEmpty() || email.length() > 254 || !email.contains("@")) {
            return pages.page(request, HttpStatus.BAD_REQUEST, "portal/forgot", Map.of("sent", false,
                    "error", pages.message(request, "forgot.invalid")));
        }
        resets.requestLink(email, pages.locale(request));
        return pages.page(request, "portal/forgot", Map.of("sent", true));
    }

    @Get(uri = "/reset", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> resetForm(HttpRequest<?> request, @QueryValue @Nullable String token) {
        boolean live = token != null && !token.isBlank() && token.length() <= 100 && resets.isLive(token);
        return pages.page(request, live ? HttpStatus.OK : HttpStatus.BAD_REQUEST, "portal/reset",
                live ? Map.of("token", token) : Map.of("error", pages.message(request, "reset.invalid")));
    }

    @Post(uri = "/reset", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> reset(HttpRequest<?> request, @Body PortalForms.PasswordReset form) {
        String token = PortalForms.text(form.token());
        try {
            resets.reset(token, form.newPassword() == null ? "" : form.newPassword());
        } catch (ProblemException refused) {
            Map<String, Object> model = new HashMap<>();
            boolean badLink = refused.problem().type().endsWith("/invalid-reset-link");
            model.put("error", badLink ? pages.message(request, "reset.invalid") : refused.problem().detail());
            if (!badLink) {
                model.put("token", token);
            }
            return pages.page(request, HttpStatus.BAD_REQUEST, "portal/reset", model);
        }
        return PortalPages.redirect(PortalSessions.PATH + "/signin?done=password-reset");
    }
}
