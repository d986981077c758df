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
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.oauth2.client.OauthClient;
import io.perennial.api.auth.AccountService;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.LoginRequest;
import io.perennial.api.auth.RegisterRequest;
import io.perennial.api.problem.ProblemException;
import io.perennial.customer.UserAccount;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Validator;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Sign up, sign in, sign out and the language switch. Sign-up and sign-in go through the same AccountService as
 * the JSON API (password policy, throttle, audit); a successful sign-in ends any session the browser brought and
 * starts a new one.
 */
@Controller(PortalSessions.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@CsrfChecked
public class PortalAuthController {

    public static final String LANGUAGE_COOKIE = "perennial_lang";

    private final AccountService accounts;
    private final PortalSessions sessions;
    private final PortalPages pages;
    private final Validator validator;
    private final PortalConfiguration configuration;
    private final List<String> providers;

    public PortalAuthController(AccountService accounts, PortalSessions sessions, PortalPages pages,
                                Validator validator, PortalConfiguration configuration,
                                Collection<OauthClient> providers) {
        // "Sign in with ..." one button per configured OpenID Connect provider; none configured, no button.
        this.providers = providers.stream().map(OauthClient::getName).sorted().toList();
        this.accounts = accounts;
        this.sessions = sessions;
        this.pages = pages;
        this.validator = validator;
        this.configuration = configuration;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> home(@Nullable Authentication authentication) {
        return PortalPages.redirect(authentication == null ? PortalSessions.PATH + "/signin"
                : PortalSessions.PATH + "/subscriptions");
    }

    @Get(uri = "/signin", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> signInForm(HttpRequest<?> request,
                                      @QueryValue("provider-refused") @Nullable String providerRefused,
                                      @QueryValue @Nullable String done) {
        if (providerRefused == null) {
            boolean known = "password-reset".equals(done) || "account-deleted".equals(done);
            return signInPage(request, HttpStatus.OK, known
                    ? Map.of("notice", pages.message(request, "signin.done." + done)) : Map.of());
        }
        String reason = PortalProviderLoginHandler.REASONS.contains(providerRefused) ? providerRefused : "failed";
        return signInPage(request, HttpStatus.OK, Map.of("error",
                pages.message(request, "signin.provider." + reason)));
    }

    private HttpResponse<?> signInPage(HttpRequest<?> request, HttpStatus status, Map<String, Object> model) {
        return pages.page(request, status, "portal/signin", with(model, "providers", providers));
    }

    @Post(uri = "/signin", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> signIn(HttpRequest<?> request, @Body PortalForms.SignIn form) {
        String email = PortalForms.text(form.email());
        String password = form.password() == null ? "" : form.password();
        if (email.isEmpty() || password.isEmpty() || email.length() > 254 || password.length() > 128) {
            return signInPage(request, HttpStatus.BAD_REQUEST,
                    Map.of("error", pages.message(request, "signin.missing"), "email", email));
        }
        UserAccount user;
        try {
            user = accounts.verify(new LoginRequest(email, password), clientAddress(request));
        } catch (ProblemException refused) {
            return signInPage(request, HttpStatus.valueOf(refused.problem().status()),
                    Map.of("error", pages.message(request, refused.problem().status() == 429
                            ? "signin.throttled" : "signin.invalid"), "email", email));
        }
        return signedIn(request, user);
    }

    @Get(uri = "/signup", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> signUpForm(HttpRequest<?> request) {
        return pages.page(request, "portal/signup", Map.of());
    }

    @Post(uri = "/signup", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> signUp(HttpRequest<?> request, @Body PortalForms.SignUp form) {
        RegisterRequest registration = new RegisterRequest(PortalForms.text(form.email()), 
                form.password() == null ? "" : form.password(), PortalForms.text(form.name()));
        Map<String, Object> again = Map.of("email", registration.email(), "name", registration.name());
        var violations = validator.validate(registration);
        if (!violations.isEmpty()) {
            return pages.page(request, HttpStatus.BAD_REQUEST, "portal/signup", with(again, "error",
                    pages.message(request, "signup.invalid")));
        }
        try {
            accounts.register(registration);
            return signedIn(request, accounts.verify(new LoginRequest(registration.email(), registration.password()),
                    clientAddress(request)));
        } catch (ProblemException refused) {
            return pages.page(request, HttpStatus.valueOf(refused.problem().status()), "portal/signup",
                    with(again, "error", refused.problem().detail()));
        }
    }

    @BillingUsersMay
    @Post(uri = "/signout", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> signOut(HttpRequest<?> request, @Body PortalForms.Action form) {
        return PortalPages.redirect(PortalSessions.PATH + "/signin").cookie(sessions.end(request));
    }

    /** The language switch: a preference cookie that wins over Accept-Language. */
    @Get(uri = "/language", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> language(@QueryValue String lang, @QueryValue @Nullable String back) {
        String tag = "zh-CN".equals(lang) ? "zh-CN" : "en";
        // Only a path of this portal, never another site (no open redirect).
        String target = back != null && PortalSessions.isPortal(back) && !back.contains("//")
                ? back : PortalSessions.PATH;
        return PortalPages.redirect(target).cookie(Cookie.of(LANGUAGE_COOKIE, tag).path("/")
                .httpOnly(true).secure(configuration.secureCookies()).sameSite(SameSite.Lax)
                .maxAge(Duration.ofDays(365)));
    }

    private HttpResponse<?> signedIn(HttpRequest<?> request, UserAccount user) {
        // The session the browser came with (if any) ends; the new id is one it has never seen.
        sessions.end(request);
        return PortalPages.redirect(PortalSessions.PATH + "/subscriptions").cookie(sessions.start(user.id()));
    }

    private static Map<String, Object> with(Map<String, Object> model, String key, Object value) {
        var all = new java.util.HashMap<>(model);
        all.put(key, value);
        return all;
    }

    private static String clientAddress(HttpRequest<?> request) {
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
