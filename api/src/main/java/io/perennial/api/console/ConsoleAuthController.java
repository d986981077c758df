package io.perennial.api.console;

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
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.AccountService;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.LoginRequest;
import io.perennial.api.portal.PortalAuthController;
import io.perennial.api.portal.PortalConfiguration;
import io.perennial.api.portal.PortalForms;
import io.perennial.api.problem.ProblemException;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccount;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Duration;
import java.util.Map;

/**
 * Staff sign in and out, and the language switch. Sign-in checks the password through the JSON API's
 * AccountService (same throttle and audit); a customer's correct password is refused with 403 and starts no
 * session. A successful sign-in ends the console session the browser brought and starts a new one.
 */
@BillingUsersMay
@Controller(ConsoleSessions.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@ConsoleCsrfChecked
public class ConsoleAuthController {

    private final AccountService accounts;
    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final PortalConfiguration cookies;

    public ConsoleAuthController(AccountService accounts, ConsoleSessions sessions, ConsolePages pages,
                                 PortalConfiguration cookies) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.pages = pages;
        this.cookies = cookies;
    }

    @Get(uri = "/signin", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> signInForm(HttpRequest<?> request) {
        return pages.page(request, "console/signin", Map.of());
    }

    @Post(uri = "/signin", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> signIn(HttpRequest<?> request, @Body PortalForms.SignIn form) {
        String email = form.email() == null ? "" : form.email().trim();
        String password = form.password() == null ? "" : form.password();
        if (email.isEmpty() || password.isEmpty() || email.length() > 254 || password.length() > 128) {
            return pages.page(request, HttpStatus.BAD_REQUEST, "console/signin",
                    Map.of("error", pages.message(request, "console.signin.missing"), "email", email));
        }
        UserAccount user;
        try {
            user = accounts.verify(new LoginRequest(email, password), request.getRemoteAddress().getAddress()
                    .getHostAddress());
        } catch (ProblemException refused) {
            return pages.page(request, HttpStatus.valueOf(refused.problem().status()), "console/signin",
                    Map.of("error", pages.message(request, refused.problem().status() == 429
                            ? "console.signin.throttled" : "console.signin.invalid"), "email", email));
        }
        if (user.role() == Role.CUSTOMER) {
            return pages.forbidden(request, pages.message(request, "console.problem.staffOnly"));
        }
        sessions.end(request);
        return ConsolePages.redirect(ConsoleSessions.PATH).cookie(sessions.start(user.id()));
    }

    @Post(uri = "/signout", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> signOut(HttpRequest<?> request, @Body PortalForms.Action form) {
        return ConsolePages.redirect(ConsoleSessions.PATH + "/signin").cookie(sessions.end(request));
    }

    /** The portal's language cookie: one preference for both faces. */
    @Get(uri = "/language", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> language(@QueryValue String lang, @QueryValue @Nullable String back) {
        String tag = "zh-CN".equals(lang) ? "zh-CN" : "en";
        // Only a path of the console, never another site (no open redirect).
        String target = back != null && ConsoleSessions.isConsole(back) && !back.contains("//")
                && !back.contains("\\") ? back : ConsoleSessions.PATH;
        return ConsolePages.redirect(target).cookie(Cookie.of(PortalAuthController.LANGUAGE_COOKIE, tag).path("/")
                .httpOnly(true).secure(cookies.secureCookies()).sameSite(SameSite.Lax)
                .maxAge(Duration.ofDays(365)));
    }
}
