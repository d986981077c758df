package io.perennial.acceptance;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.customer.CustomerRepository;
import io.perennial.customer.OidcIdentityRepository;
import io.perennial.launcher.DemoAccounts;
import io.perennial.customer.PasswordReset;
import io.perennial.customer.PasswordResetRepository;
import io.perennial.customer.PortalSession;
import io.perennial.customer.PortalSessionRepository;
import io.perennial.periodic.PurgeActivitiesImpl;
import io.perennial.periodic.PurgeKind;
import io.perennial.periodic.PurgeRequest;
import io.perennial.customer.UserAccountRepository;
import io.perennial.notification.LoggingMailSender;
import io.perennial.notification.MailMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The portal's account journeys on the shared platform: "Sign in with" a real OpenID Connect provider
 * ({@link TestOidcProvider}), forgotten and changed passwords, export and deletion of an account.
 */
@PlatformTest
class PortalAccountTest {

    private TestPlatform platform;
    private HttpClient http;

    @BeforeAll
    void start() throws java.net.MalformedURLException {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        http = HttpClient.create(platform.baseUrl().toURL(), configuration);
    }

    @AfterAll
    void stop() {
        http.close();
    }

    /** A browser that follows every redirect, to the provider and back, keeping each site's cookies by path. */
    private static final class RedirectingBrowser {
        private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.ALWAYS).build();

        HttpResponse<String> get(URI uri) {
            try {
                return client.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The addresses the last answer was redirected through, first first. */
        static java.util.List<URI> trail(HttpResponse<String> answer) {
            java.util.LinkedList<URI> trail = new java.util.LinkedList<>();
            for (Optional<HttpResponse<String>> at = Optional.of(answer); at.isPresent();
                 at = at.get().previousResponse()) {
                trail.addFirst(at.get().uri());
            }
            return trail;
        }
    }

    private URI portal(String path) {
        return platform.baseUrl().resolve(path);
    }

    private String register(String email) {
        platform.api.post(null, "/v1/auth/register",
                Map.of("email", email, "password", "correct-horse-battery", "name", "Mei Chen"));
        return email;
    }

    private static String email() {
        return "account-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void aCustomerSignsInThroughTheProviderWithPkceAndLandsSignedInToTheAccountWithTheVerifiedEmail() {
        String email = register(email());
        String subject = "subject-" + UUID.randomUUID();
        TestOidcProvider.nextSignIn(subject, email, true);
        RedirectingBrowser browser = new RedirectingBrowser();

        String signInPage = browser.get(portal("/portal/signin")).body();
        HttpResponse<String> landed = browser.get(portal("/portal/oauth/login/" + TestOidcProvider.NAME));

        assertThat(signInPage).contains("id=\"sign-in-with-idp\"", "Sign in with idp");
        assertThat(landed.uri().getPath()).as(landed.statusCode() + " " + landed.body())
                .isEqualTo("/portal/subscriptions");
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains("id=\"sign-out\"");
        URI authorize = RedirectingBrowser.trail(landed).stream()
                .filter(uri -> uri.toString().startsWith(TestOidcProvider.issuer())).findFirst().orElseThrow();
        assertThat(authorize.getQuery()).contains("code_challenge_method=S256", "code_challenge=", "state=",
                "nonce=", "client_id=" + TestOidcProvider.CLIENT_ID);
        // The same account the password made (not a second one), and the subject now linked to it.
        assertThat(browser.get(portal("/portal/account")).body()).contains(email);
        assertThat(platform.bean(OidcIdentityRepository.class)
                .findByProviderAndSubject(TestOidcProvider.NAME, subject)).isPresent();
        // The provider's session is not kept: its ID token is no access token for the JSON API.
        assertThatThrownBy(() -> platform.api.get(TestOidcProvider.idToken(subject), "/v1/customers/me"))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }

    @Test
    void aNewPersonWithAVerifiedEmailGetsAnAccountOfTheirOwnThroughTheProvider() {
        String email = email();
        TestOidcProvider.nextSignIn("subject-" + UUID.randomUUID(), email, true);
        RedirectingBrowser browser = new RedirectingBrowser();

        HttpResponse<String> landed = browser.get(portal("/portal/oauth/login/" + TestOidcProvider.NAME));

        assertThat(landed.uri().getPath()).as(landed.statusCode() + " " + landed.body())
                .isEqualTo("/portal/subscriptions");
        assertThat(browser.get(portal("/portal/account")).body()).contains(email, "Mei Chen");
    }

    @Test
    void anUnverifiedEmailAtTheProviderCannotTakeOverTheAccountWithThatEmail() {
        String email = register(email());
        String subject = "subject-" + UUID.randomUUID();
        TestOidcProvider.nextSignIn(subject, email, false);
        RedirectingBrowser browser = new RedirectingBrowser();

        HttpResponse<String> landed = browser.get(portal("/portal/oauth/login/" + TestOidcProvider.NAME));

        assertThat(landed.uri().getPath()).as(landed.statusCode() + " " + landed.body())
                .isEqualTo("/portal/signin");
        assertThat(landed.uri().getQuery()).isEqualTo("provider-refused=unverified");
        assertThat(landed.body()).contains("has not verified that email address").doesNotContain("id=\"sign-out\"");
        assertThat(browser.get(portal("/portal/account")).uri().getPath()).isEqualTo("/portal/signin");
        assertThat(platform.bean(OidcIdentityRepository.class)
                .findByProviderAndSubject(TestOidcProvider.NAME, subject)).isEmpty();
    }

    private static final Pattern RESET_LINK = Pattern.compile("http://\\S+(/portal/password/reset\\?token=([A-Za-z0-9_-]+))");

    private PortalBrowser browser() {
        return new PortalBrowser(http.toBlocking());
    }

    private PortalBrowser signedIn(String email, String password) {
        PortalBrowser browser = browser();
        PortalBrowser.Page signedIn = browser.post("/portal/signin", browser.get("/portal/signin"),
                Map.of("email", email, "password", password));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        return browser;
    }

    private List<MailMessage> mailsTo(String email, int atLeast) {
        LoggingMailSender mailbox = platform.bean(LoggingMailSender.class);
        return ApiSession.eventually(() -> mailbox.sentTo(email), mails -> mails.size() >= atLeast,
                Duration.ofSeconds(10));
    }

    private PortalBrowser.Page askForLink(String email) {
        PortalBrowser browser = browser();
        return browser.post("/portal/password/forgot", browser.get("/portal/password/forgot"),
                Map.of("email", email));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aForgottenPasswordIsResetOnceThroughAMailedLinkThatEndsEveryOtherSignIn() {
        String email = register(email());
        PortalBrowser otherBrowser = signedIn(email, "correct-horse-battery");
        String refreshToken = (String) platform.api.post(null, "/v1/auth/login",
                Map.of("email", email, "password", "correct-horse-battery")).body().get("refreshToken");

        PortalBrowser.Page asked = askForLink(email);
        PortalBrowser.Page askedForNobody = askForLink(email());
        Matcher link = RESET_LINK.matcher(mailsTo(email, 1).get(0).body());

        // The same answer whether or not the address has an account.
        assertThat(asked.status()).isEqualTo(200);
        assertThat(askedForNobody.status()).isEqualTo(200);
        assertThat(asked.body()).contains("id=\"link-sent\"", "If an account exists for that address");
        assertThat(askedForNobody.body()).contains("id=\"link-sent\"", "If an account exists for that address");
        assertThat(link.find()).isTrue();
        String token = link.group(2);
        // Only the token's SHA-256 is stored.
        assertThat(platform.bean(PasswordResetRepository.class).findLive(sha256(token), Instant.now())).isPresent();
        assertThat(platform.bean(PasswordResetRepository.class).findLive(token, Instant.now())).isEmpty();

        PortalBrowser browser = browser();
        PortalBrowser.Page form = browser.get(link.group(1));
        PortalBrowser.Page reset = browser.post("/portal/password/reset", form,
                Map.of("token", token, "newPassword", "a-brand-new-passphrase"));
        PortalBrowser.Page again = browser.post("/portal/password/reset", browser.get("/portal/password/forgot"),
                Map.of("token", token, "newPassword", "yet-another-passphrase"));

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"reset-password\"");
        assertThat(reset.status()).isEqualTo(303);
        assertThat(reset.header("Location")).isEqualTo("/portal/signin?done=password-reset");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("already used or expired");
        assertThat(otherBrowser.get("/portal/subscriptions").header("Location")).isEqualTo("/portal/signin");
        assertThatThrownBy(() -> platform.api.post(null, "/v1/auth/refresh", Map.of("refreshToken", refreshToken)))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
        assertThat(platform.api.login(email, "a-brand-new-passphrase")).isNotBlank();
    }

    @Test
    void anAccountIsSentAtMostThreeLinksAnHourAndAnExpiredLinkSetsNoPassword() throws InterruptedException {
        String email = register(email());
        for (int i = 0; i < 4; i++) {
            assertThat(askForLink(email).status()).isEqualTo(200);
        }
        assertThat(mailsTo(email, 3)).hasSize(3);
        Thread.sleep(500);
        assertThat(platform.bean(LoggingMailSender.class).sentTo(email)).hasSize(3);

        UUID userId = platform.bean(UserAccountRepository.class).findByEmail(email).orElseThrow().id();
        String expired = "expired-" + UUID.randomUUID();
        Instant now = Instant.now();
        platform.bean(PasswordResetRepository.class).save(new PasswordReset(UUID.randomUUID(), userId,
                sha256(expired), now.minus(Duration.ofMinutes(31)), now.minus(Duration.ofMinutes(1)), null));
        PortalBrowser browser = browser();
        PortalBrowser.Page page = browser.get("/portal/password/reset?token=" + expired);
        PortalBrowser.Page post = browser.post("/portal/password/reset", browser.get("/portal/password/forgot"),
                Map.of("token", expired, "newPassword", "a-brand-new-passphrase"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"to-forgot\"").doesNotContain("id=\"reset-password\"");
        assertThat(post.status()).isEqualTo(400);
        assertThat(platform.api.login(email, "correct-horse-battery")).isNotBlank();
    }

    @SuppressWarnings("unchecked")
    @Test
    void aCustomerExportsTheirDataThenDeletesTheAccountThroughThePortalAndTheInvoicesStayWithoutTheirName() {
        // A plan without a trial, so subscribing charges (and invoices) at once.
        String admin = platform.api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        platform.api.post(admin, "/v1/admin/products", Map.of("id", "gone-" + suffix, "name", "Gone",
                "kind", "DIGITAL"));
        platform.api.post(admin, "/v1/admin/plans", Map.of("id", "plan_gone_" + suffix, "productId", "gone-" + suffix,
                "name", "Gone monthly", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 990))));
        String email = register(email());
        String token = platform.api.login(email, "correct-horse-battery");
        String subscription = (String) platform.api.post(token, "/v1/subscriptions",
                Map.of("planId", "plan_gone_" + suffix, "paymentMethod", "pm_card_visa")).body().get("id");
        Map<String, Object> exported = ApiSession.eventually(
                () -> platform.api.get(token, "/v1/customers/me/export"),
                data -> !((List<?>) data.get("invoices")).isEmpty(), Duration.ofSeconds(20));
        String customerId = (String) ((Map<String, Object>) exported.get("customer")).get("customerId");
        Map<String, Object> invoice = ((List<Map<String, Object>>) exported.get("invoices")).get(0);
        PortalBrowser browser = signedIn(email, "correct-horse-battery");

        PortalBrowser.Page confirm = browser.get("/portal/account/delete");
        PortalBrowser.Page unconfirmed = browser.post("/portal/account/delete", confirm, Map.of());
        PortalBrowser.Page deleted = browser.post("/portal/account/delete", confirm, Map.of("confirm", "yes"));

        assertThat(exported).containsKeys("subscriptions", "invoices", "payments", "orders", "points");
        assertThat(exported.toString()).contains(email, subscription);
        assertThat(confirm.body()).contains("id=\"delete-account\"", "We keep your invoices");
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(deleted.header("Location")).isEqualTo("/portal/signin?done=account-deleted");
        assertThat(ApiSession.eventually(() -> platform.api.get(admin, "/v1/subscriptions/" + subscription),
                s -> "CANCELED".equals(s.get("status")), Duration.ofSeconds(20))).containsEntry("status", "CANCELED");
        var customer = platform.bean(CustomerRepository.class).findById(UUID.fromString(customerId)).orElseThrow();
        assertThat(customer.name()).isEqualTo("Deleted customer");
        assertThat(customer.email()).doesNotContain(email).endsWith("@deleted.invalid");
        // Kept for accounting: the invoice and its amount, under the customer id that names nobody now.
        assertThat(platform.api.get(admin, "/v1/invoices/" + invoice.get("id")))
                .containsEntry("totalMinor", invoice.get("totalMinor")).containsEntry("subscriptionId", subscription);
        assertThat(platform.api.get(admin, "/v1/events?type=customer.deleted&resourceId=" + customerId)
                .get("items")).asList().hasSize(1);
        assertThat(browser.get("/portal/subscriptions").header("Location")).isEqualTo("/portal/signin");
        assertThatThrownBy(() -> platform.api.login(email, "correct-horse-battery"))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
        assertThatThrownBy(() -> platform.api.get(token, "/v1/customers/me"))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }

    @Test
    void theJsonApiDeletesTheCallersOwnAccountAndTheEmailCanRegisterAgain() {
        String email = register(email());
        String token = platform.api.login(email, "correct-horse-battery");

        assertThat(platform.raw.call(token, "DELETE", "/v1/customers/me", null).status()).isEqualTo(204);

        assertThatThrownBy(() -> platform.api.login(email, "correct-horse-battery"))
                .isInstanceOf(HttpClientResponseException.class);
        assertThat(register(email)).isEqualTo(email);
        assertThat(platform.api.login(email, "correct-horse-battery")).isNotBlank();
    }

    @Test
    void thePeriodicPurgeDeletesPortalSessionsThatLapsedMoreThanADayAgoAndKeepsLiveOnes() {
        String email = register(email());
        UUID userId = platform.bean(UserAccountRepository.class).findByEmail(email).orElseThrow().id();
        PortalSessionRepository sessions = platform.bean(PortalSessionRepository.class);
        Instant now = Instant.now();
        PortalSession lapsed = sessions.save(PortalSession.start(userId, sha256("lapsed-" + UUID.randomUUID()),
                now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2))));
        PortalSession live = sessions.save(PortalSession.start(userId, sha256("live-" + UUID.randomUUID()),
                now, now.plus(Duration.ofHours(12))));

        // What the purge Schedule's activity runs on each tick (PeriodicJobsTest covers the Schedule itself).
        platform.bean(PurgeActivitiesImpl.class).purge(new PurgeRequest(PurgeKind.REFRESH_TOKENS, "test"));

        assertThat(sessions.findById(lapsed.id())).isEmpty();
        assertThat(sessions.findById(live.id())).isPresent();
    }
}
