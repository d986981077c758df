package io.perennial.api.portal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The portal's sessions, CSRF tokens and headers through HTTP, outside the embedded mode (so cookies are Secure).
 * Pages that need a subscription are tested on the platform (PortalPagesTest in acceptance-tests).
 */
@MicronautTest(environments = "api", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalSessionTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret",
                HexFormat.of().formatHex(secret));
        properties.put("perennial.security.bcrypt-cost", "4");
        properties.put("micronaut.server.port", "-1");
        new SecureRandom().nextBytes(secret);
        properties.put("perennial.carrier.webhook.secret", HexFormat.of().formatHex(secret));
        // A browser follows the post/redirect/get itself; the test looks at each answer.
        properties.put("micronaut.http.client.follow-redirects", "false");
        return properties;
    }

    private FormClient browser() {
        return new FormClient(client.toBlocking());
    }

    private static String email() {
        return "portal-" + UUID.randomUUID() + "@example.com";
    }

    private FormClient.Page signUp(FormClient browser, String email) {
        FormClient.Page form = browser.get("/portal/signup");
        return browser.post("/portal/signup", form,
                Map.of("name", "Grace Hopper", "email", email, "password", "correct-horse-battery"));
    }

    @Test
    void everyPortalPageCarriesAStrictContentSecurityPolicyAndTheOtherSecurityHeaders() {
        FormClient.Page page = browser().get("/portal/signin");

        assertThat(page.status()).isEqualTo(200);
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'", "form-action 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        // No inline script or style in the page itself: every script has a src, no style attribute or element.
        assertThat(page.body()).doesNotContain("<style", "style=\"", "onclick", "<script>")
                .contains("/webjars/htmx.org/2.0.8/dist/htmx.min.js", "/static/portal.css");
    }

    @Test
    void withNoOpenIdConnectProviderConfiguredTheSignInPageHasNoSignInWithButtonAndNoProviderRoute() {
        FormClient.Page page = browser().get("/portal/signin");

        assertThat(page.body()).contains("id=\"sign-in\"", "id=\"forgot-password\"")
                .doesNotContain("sign-in-with-", "/portal/oauth/login");
        assertThat(browser().get("/portal/oauth/login/idp").status()).isEqualTo(404);
    }

    @Test
    void htmxAndTheStylesheetAreServedFromTheJarNotACdn() {
        FormClient browser = browser();
        FormClient.Page htmx = browser.get("/webjars/htmx.org/2.0.8/dist/htmx.min.js");
        FormClient.Page css = browser.get("/static/portal.css");

        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.body()).contains(".facts");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndNobodyIsSignedIn() {
        FormClient browser = browser();
        browser.get("/portal/signup");

        FormClient.Page refused = browser.post("/portal/signup", null,
                Map.of("name", "Mallory", "email", email(), "password", "correct-horse-battery"));

        assertThat(refused.status()).isIn(401, 403);
        assertThat(browser.cookies).doesNotContainKey(PortalSessions.COOKIE);
    }

    @Test
    void aCsrfTokenFromAnotherBrowserIsRefused() {
        FormClient victim = browser();
        FormClient attacker = browser();
        FormClient.Page attackersForm = attacker.get("/portal/signin");
        victim.get("/portal/signin");

        // The attacker's own valid token, planted in the victim's form: it does not match the victim's cookie.
        FormClient.Page refused = victim.post("/portal/signin", attackersForm,
                Map.of("email", email(), "password", "correct-horse-battery"));

        assertThat(refused.status()).isIn(401, 403);
    }

    @Test
    void signingUpStartsASessionInAnHttpOnlySameSiteLaxSecureCookieScopedToThePortal() {
        FormClient browser = browser();
        FormClient.Page signedUp = signUp(browser, email());

        assertThat(signedUp.status()).isEqualTo(303);
        assertThat(signedUp.header("Location")).isEqualTo("/portal/subscriptions");
        String session = signedUp.setCookies().stream().filter(c -> c.startsWith(PortalSessions.COOKIE + "="))
                .findFirst().orElseThrow();
        assertThat(session).containsIgnoringCase("HttpOnly").contains("SameSite=Lax", "Secure", "Path=/portal");

        FormClient.Page account = browser.get("/portal/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("Grace Hopper");
    }

    @Test
    void signingInAlwaysIssuesANewSessionIdSoAPlantedOneIsNeverPromoted() {
        String email = email();
        signUp(browser(), email);
        FormClient browser = browser();
        // A session id an attacker planted in the browser before the victim signs in.
        browser.cookies.put(PortalSessions.COOKIE, "planted-by-an-attacker-0000000000000000000000");
        FormClient.Page form = browser.get("/portal/signin");

        FormClient.Page signedIn = browser.post("/portal/signin", form,
                Map.of("email", email, "password", "correct-horse-battery"));

        assertThat(signedIn.status()).isEqualTo(303);
        String issued = browser.cookies.get(PortalSessions.COOKIE);
        assertThat(issued).isNotEqualTo("planted-by-an-attacker-0000000000000000000000").hasSize(43);

        // Signing in again from the same browser replaces the session: the previous id stops working.
        FormClient.Page again = browser.post("/portal/signin", browser.get("/portal/signin"),
                Map.of("email", email, "password", "correct-horse-battery"));
        assertThat(again.status()).isEqualTo(303);
        assertThat(browser.cookies.get(PortalSessions.COOKIE)).isNotEqualTo(issued);
        FormClient stale = browser();
        stale.cookies.put(PortalSessions.COOKIE, issued);
        assertThat(stale.get("/portal/account").status()).isEqualTo(303);
    }

    @Test
    void signingOutEndsTheSessionOnTheServerNotOnlyInTheBrowser() {
        FormClient browser = browser();
        signUp(browser, email());
        String session = browser.cookies.get(PortalSessions.COOKIE);
        FormClient.Page account = browser.get("/portal/account");

        FormClient.Page signedOut = browser.post("/portal/signout", account, Map.of());

        assertThat(signedOut.status()).isEqualTo(303);
        assertThat(browser.cookies).doesNotContainKey(PortalSessions.COOKIE);
        FormClient replay = browser();
        replay.cookies.put(PortalSessions.COOKIE, session);
        assertThat(replay.get("/portal/account").header("Location")).isEqualTo("/portal/signin");
    }

    @Test
    void theJsonApiIgnoresThePortalCookieAndKeepsBearerTokens() {
        FormClient browser = browser();
        signUp(browser, email());

        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.GET("/v1/customers/me")
                .header("Cookie", PortalSessions.COOKIE + "=" + browser.cookies.get(PortalSessions.COOKIE))))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }

    @Test
    void aWrongPasswordShowsTheSignInPageAgainWithoutASession() {
        String email = email();
        signUp(browser(), email);
        FormClient browser = browser();

        FormClient.Page refused = browser.post("/portal/signin", browser.get("/portal/signin"),
                Map.of("email", email, "password", "not-the-password-at-all"));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("The email or password is wrong.");
        assertThat(browser.cookies).doesNotContainKey(PortalSessions.COOKIE);
    }

    @Test
    void changingThePasswordSignsOtherBrowsersOutAndKeepsThisOneSignedIn() {
        String email = email();
        FormClient here = browser();
        signUp(here, email);
        FormClient elsewhere = browser();
        elsewhere.post("/portal/signin", elsewhere.get("/portal/signin"),
                Map.of("email", email, "password", "correct-horse-battery"));

        FormClient.Page changed = here.post("/portal/account/password", here.get("/portal/account"),
                Map.of("currentPassword", "correct-horse-battery", "newPassword", "another-long-passphrase"));

        assertThat(changed.status()).isEqualTo(303);
        assertThat(here.get("/portal/account").status()).isEqualTo(200);
        assertThat(elsewhere.get("/portal/account").status()).isEqualTo(303);
        FormClient fresh = browser();
        assertThat(fresh.post("/portal/signin", fresh.get("/portal/signin"),
                Map.of("email", email, "password", "another-long-passphrase")).status()).isEqualTo(303);
    }

    @Test
    void editingTheProfileRenamesTheCustomerForTheJsonApiToo() {
        FormClient browser = browser();
        signUp(browser, email());

        FormClient.Page saved = browser.post("/portal/account/profile", browser.get("/portal/account"),
                Map.of("name", "Grace Brewster Hopper"));

        assertThat(saved.status()).isEqualTo(303);
        assertThat(browser.get("/portal/account").body()).contains("value=\"Grace Brewster Hopper\"");
    }

    @Test
    void aChineseBrowserGetsTheSignInPageInSimplifiedChinese() {
        FormClient browser = browser();
        browser.language = "zh-CN,zh;q=0.9,en;q=0.5";

        FormClient.Page page = browser.get("/portal/signin");

        assertThat(page.body()).contains("lang=\"zh-CN\"", "登录", "电子邮箱", "创建账户").doesNotContain(">Sign in<");
    }

    @Test
    void theLanguageSwitchWinsOverAcceptLanguageAndOnlyRedirectsWithinThePortal() {
        FormClient browser = browser();
        browser.language = "en-GB";

        FormClient.Page switched = browser.get("/portal/language?lang=zh-CN&back=https://evil.example/");

        assertThat(switched.header("Location")).isEqualTo("/portal");
        assertThat(browser.get("/portal/signin").body()).contains("登录");
    }

    @Test
    void aPortalPostThatIsNotAFormIsRefusedBeforeAnyCheckIsSkipped() {
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.POST("/portal/signup",
                "{\"email\":\"x@example.com\",\"password\":\"correct-horse-battery\",\"name\":\"X\"}")
                .contentType("text/plain")))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(415));
    }
}
