package io.perennial.api.console;

import io.micronaut.context.MessageSource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.generator.CsrfTokenGenerator;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import io.micronaut.views.ModelAndView;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.portal.PortalFormat;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.customer.Role;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders a console page with what every page needs (the CSRF token for its forms, the locale's formatter from the
 * portal, who is signed in, the Temporal UI links) and keeps the door: a visitor goes to the sign-in page, a
 * customer gets a 403 page, OPS and ADMIN get the page. The CSRF cookie is Micronaut Security's, as on the portal,
 * scoped to {@code /console} so the console and a portal tab each keep their own.
 */
@Singleton
public class ConsolePages {

    private final CsrfTokenGenerator<HttpRequest<?>> csrfTokens;
    private final CsrfTokenValidator<HttpRequest<?>> csrfValidator;
    private final CsrfConfiguration csrf;
    private final HttpLocaleResolver locales;
    private final MessageSource messages;
    private final TemporalLinks temporal;

    public ConsolePages(CsrfTokenGenerator<HttpRequest<?>> csrfTokens,
                        CsrfTokenValidator<HttpRequest<?>> csrfValidator, CsrfConfiguration csrf,
                        HttpLocaleResolver locales, MessageSource messages, TemporalLinks temporal) {
        this.csrfTokens = csrfTokens;
        this.csrfValidator = csrfValidator;
        this.csrf = csrf;
        this.locales = locales;
        this.messages = messages;
        this.temporal = temporal;
    }

    /** The page {@code render} makes for OPS or ADMIN staff; a refusal of the service becomes a problem page. */
    public HttpResponse<?> staff(HttpRequest<?> request, @Nullable Authentication authentication,
                                 Function<CurrentUser, HttpResponse<?>> render) {
        return signedIn(request, authentication, false, render);
    }

    /** As {@link #staff}, for what the JSON API shows admins only (the audit log). */
    public HttpResponse<?> admin(HttpRequest<?> request, @Nullable Authentication authentication,
                                 Function<CurrentUser, HttpResponse<?>> render) {
        return signedIn(request, authentication, true, render);
    }

    private HttpResponse<?> signedIn(HttpRequest<?> request, @Nullable Authentication authentication,
                                     boolean adminOnly, Function<CurrentUser, HttpResponse<?>> render) {
        if (authentication == null) {
            return redirect(ConsoleSessions.PATH + "/signin");
        }
        boolean allowed = adminOnly ? authentication.getRoles().contains(Role.ADMIN.name())
                : CurrentUser.of(authentication).staff();
        if (!allowed) {
            return forbidden(request, message(request, adminOnly ? "console.problem.adminOnly"
                    : "console.problem.staffOnly"));
        }
        try {
            return render.apply(CurrentUser.of(authentication));
        } catch (ProblemException refused) {
            return problem(request, refused);
        }
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
        Optional<Authentication> user = request.getUserPrincipal(Authentication.class);
        all.put("signedIn", user.isPresent());
        all.put("admin", user.map(u -> u.getRoles().contains(Role.ADMIN.name())).orElse(false));
        all.put("temporal", temporal);
        Optional<String> current = request.getCookies().findCookie(csrf.getCookieName()).map(Cookie::getValue)
                .filter(token -> csrfValidator.validateCsrfToken(request, token));
        String token = current.orElseGet(() -> csrfTokens.generateCsrfToken(request));
        all.put("csrfToken", token);
        all.put("csrfField", csrf.getFieldName());
        MutableHttpResponse<?> response = HttpResponse.status(status).body(new ModelAndView<>(view, all));
        if (current.isEmpty()) {
            response.cookie(Cookie.of(csrf.getCookieName(), token).configure(csrf, request.isSecure())
                    .path(ConsoleSessions.PATH));
        }
        return response;
    }

    public MutableHttpResponse<?> problem(HttpRequest<?> request, ProblemException refused) {
        return page(request, HttpStatus.valueOf(refused.problem().status()), "console/problem",
                Map.of("problem", refused.problem()));
    }

    public MutableHttpResponse<?> forbidden(HttpRequest<?> request, String detail) {
        return page(request, HttpStatus.FORBIDDEN, "console/problem", Map.of("problem",
                new Problem(ApiProblems.BASE + "forbidden", "Forbidden", 403, detail, request.getPath(), null)));
    }

    public static MutableHttpResponse<?> redirect(String path) {
        return HttpResponse.seeOther(URI.create(path));
    }

    public Locale locale(HttpRequest<?> request) {
        return locales.resolveOrDefault(request);
    }

    public String message(HttpRequest<?> request, String key) {
        return messages.getMessage(key, locale(request)).orElse(key);
    }
}
