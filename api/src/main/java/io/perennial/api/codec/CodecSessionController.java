package io.perennial.api.codec;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.AccountService;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.LoginRequest;
import io.perennial.api.auth.SessionTokens;
import io.perennial.api.auth.TokenResponse;
import io.perennial.api.problem.ProblemException;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccountRepository;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Duration;

/**
 * Signs ops staff in for the Temporal UI's codec calls: a small form that, for an OPS or ADMIN account, sets an
 * HttpOnly, SameSite=Strict cookie scoped to the codec endpoint and holding a normal short-lived access token.
 * The UI then sends it with "Include cross-origin credentials" switched on in its Codec Server settings.
 */
@BillingUsersMay
@Controller(CodecSessionTokenReader.PATH + "/session")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class CodecSessionController {

    /** The sign-in form's fields. */
    @Serdeable
    public record SignIn(@Nullable String email, @Nullable String password) {
    }

    private final AccountService accounts;
    private final UserAccountRepository users;
    private final CodecConfiguration configuration;
    private final SessionTokens sessions;

    public CodecSessionController(AccountService accounts, UserAccountRepository users,
                                  CodecConfiguration configuration, SessionTokens sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.users = users;
        this.configuration = configuration;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public String form() {
        return page("Sign in to decode payloads in the Temporal UI", FORM);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> signIn(HttpRequest<?> http, @Body SignIn form) {
        String email = form.email() == null ? "" : form.email().trim();
        String password = form.password() == null ? "" : form.password();
        if (email.isEmpty() || password.isEmpty() || email.length() > 254 || password.length() > 128) {
            return HttpResponse.<String>status(HttpStatus.BAD_REQUEST)
                    .body(page("Email and password, please", FORM));
        }
        TokenResponse token;
        try {
            token = accounts.login(new LoginRequest(email, password),
                    http.getRemoteAddress().getAddress().getHostAddress());
        } catch (ProblemException refused) {
            // Wrong password (401) or too many attempts (429): the same answers as the login API, as a page.
            return HttpResponse.<String>status(HttpStatus.valueOf(refused.problem().status()))
                    .body(page(escape(refused.problem().title()), "<p>" + escape(refused.problem().detail()) + "</p>"
                            + FORM));
        }
        // The cookie carries only the access token: the sign-in's refresh token is revoked at once.
        sessions.dropRefreshToken(token.refreshToken());
        boolean staff = users.findByEmail(email).map(user -> user.role() != Role.CUSTOMER).orElse(false);
        if (!staff) {
            return HttpResponse.<String>status(HttpStatus.FORBIDDEN)
                    .body(page("Only ops and admin staff can decode payloads", ""));
        }
        Cookie session = Cookie.of(CodecSessionTokenReader.COOKIE, token.accessToken())
                .httpOnly(true)
                .secure(configuration.secureCookie())
                .sameSite(SameSite.Strict)
                .path(CodecSessionTokenReader.PATH)
                .maxAge(Duration.ofSeconds(token.expiresIn()));
        long minutes = Duration.ofSeconds(token.expiresIn()).toMinutes();
        return HttpResponse.ok(page("Signed in: the Temporal UI can decode payloads",
                        "<p id=\"signed-in\">Signed in as " + escape(email) + " for " + minutes + " minutes.</p>"
                                + "<p>In the Temporal UI, open <b>Codec Server</b> (the settings menu), set the endpoint to"
                                + " this server's <code>" + CodecSessionTokenReader.PATH + "</code> and switch on"
                                + " <b>Include cross-origin credentials</b>.</p>"))
                .cookie(session);
    }

    @Post(uri = "/end", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> signOut() {
        Cookie expired = Cookie.of(CodecSessionTokenReader.COOKIE, "").httpOnly(true)
                .secure(configuration.secureCookie()).sameSite(SameSite.Strict)
                .path(CodecSessionTokenReader.PATH).maxAge(Duration.ZERO);
        return HttpResponse.ok(page("Signed out", "")).cookie(expired);
    }

    private static final String FORM = """
            <form method="post">
              <label>Email <input id="email" name="email" type="email" autocomplete="username" required></label>
              <label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
              <button id="sign-in" type="submit">Sign in</button>
            </form>""";

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Perennial codec</title></head>"
                + "<body><h1>" + title + "</h1>" + body + "</body></html>";
    }

    private static String escape(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
