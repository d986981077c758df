package io.perennial.api.portal;

import io.micronaut.context.MessageSource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.generator.CsrfTokenGenerator;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import io.micronaut.views.ModelAndView;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemException;
import io.perennial.customer.AccountRole;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a portal page: the view with its model plus what every page needs (the CSRF token for its forms, the
 * locale's formatter, who is signed in). The CSRF cookie is reused while it is valid for the current session, so
 * two open tabs do not invalidate each other's forms, and re-issued when the session changed (sign-in, sign-out).
 */
@Singleton
public class PortalPages {

    private final CsrfTokenGenerator<HttpRequest<?>> csrfTokens;
    private final CsrfTokenValidator<HttpRequest<?>> csrfValidator;
    private final CsrfConfiguration csrf;
    private final HttpLocaleResolver locales;
    private final MessageSource messages;

    public PortalPages(CsrfTokenGenerator<HttpRequest<?>> csrfTokens, CsrfTokenValidator<HttpRequest<?>> csrfValidator,
                       CsrfConfiguration csrf, HttpLocaleResolver locales, MessageSource messages) {
        this.csrfTokens = csrfTokens;
        this.csrfValidator = csrfValidator;
        this.csrf = csrf;
        this.locales = locales;
        this.messages = messages;
    }

    /** The signed-in customer, or empty for a visitor (who is sent to the sign-in page). */
    public static Optional<CurrentUser> caller(@Nullable Authentication authentication) {
        return Optional.ofNullable(authentication).map(CurrentUser::of);
    }

    public MutableHttpResponse<?> page(HttpRequest<?> request, String view, Map<String, Object> model) {
        return page(request, HttpStatus.OK, view, model);
    }

    public MutableHttpResponse<?> page(HttpRequest<?> request, HttpStatus status, String view,
                                       Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        Locale locale = locale(request);
        all.put("fmt", new PortalFormat(locale));
        all.put("lang", locale.toLanguageTag());
        all.put("path", request.getPath());
        all.put("signedIn", request.getUserPrincipal().isPresent());
        // A billing user of a company account is shown only what they may change (AccountRoleFilter's rule).
        all.put("owner", request.getUserPrincipal(Authentication.class).map(CurrentUser::accountRoleOf)
                .orElse(AccountRole.OWNER) == AccountRole.OWNER);
        Optional<String> current = request.getCookies().findCookie(csrf.getCookieName()).map(Cookie::getValue)
                .filter(token -> csrfValidator.validateCsrfToken(request, token));
        String token = current.orElseGet(() -> csrfTokens.generateCsrfToken(request));
        all.put("csrfToken", token);
        all.put("csrfField", csrf.getFieldName());
        MutableHttpResponse<?> response = HttpResponse.status(status).body(new ModelAndView<>(view, all));
        if (current.isEmpty()) {
            response.cookie(Cookie.of(csrf.getCookieName(), token).configure(csrf, request.isSecure()));
        }
        return response;
    }

    /** A refused action as a page with the problem's status (404 for what is not the caller's, 409, 422...). */
    public MutableHttpResponse<?> problem(HttpRequest<?> request, ProblemException refused) {
        return page(request, HttpStatus.valueOf(refused.problem().status()), "portal/problem",
                Map.of("problem", refused.problem()));
    }

    public static MutableHttpResponse<?> redirect(String path) {
        return HttpResponse.seeOther(URI.create(path));
    }

    public static MutableHttpResponse<?> toSignIn() {
        return redirect(PortalSessions.PATH + "/signin");
    }

    public Locale locale(HttpRequest<?> request) {
        return locales.resolveOrDefault(request);
    }

    public String message(HttpRequest<?> request, String key) {
        return messages.getMessage(key, locale(request)).orElse(key);
    }
}
