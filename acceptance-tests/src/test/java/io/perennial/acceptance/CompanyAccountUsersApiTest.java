package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.notification.LoggingMailSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several users of one company account: the owner adds a BILLING user by email (mailed a link to set a password),
 * who then sees the company's subscription and invoices and changes its card, but may not cancel it or manage users
 * (403); the last owner stays (409); another company's users and subscriptions are 404s.
 */
@PlatformTest
class CompanyAccountUsersApiTest {

    private static final String PROBLEMS = "https://perennial.dev/problems/";
    private static final String USERS = "/v1/customers/me/users";
    private static final Pattern RESET_LINK =
            Pattern.compile("http://\\S+(/portal/password/reset\\?token=([A-Za-z0-9_-]+))");

    private TestPlatform platform;
    private ApiSession api;
    private BlockingHttpClient http;
    private HttpClient portal;

    @BeforeAll
    void start() throws java.net.MalformedURLException {
        http = platform.client.toBlocking();
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        portal = HttpClient.create(platform.baseUrl().toURL(), configuration);
    }

    @AfterAll
    void stop() {
        portal.close();
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }

    /** A new customer made a company; answers its owner's token. */
    private String company(String ownerEmail) {
        http.exchange(HttpRequest.POST("/v1/auth/register", Map.of("email", ownerEmail, "password",
                "correct-horse-battery", "name", "Grace Hopper")), ApiSession.JSON);
        String owner = api.login(ownerEmail, "correct-horse-battery");
        assertThat(api.put(owner, "/v1/customers/me/billing-profile", Map.of("kind", "COMPANY", "legalName",
                "Cobol Systems Inc.", "address", Map.of("line1", "1 Main St", "city", "Austin", "country", "US")))
                .code()).isEqualTo(200);
        return owner;
    }

    private String subscribe(String owner) {
        String id = (String) api.post(owner, "/v1/subscriptions", Map.of("planId", "plan_digital_yearly",
                "paymentMethod", "pm_card_visa")).body().get("id");
        ApiSession.eventually(() -> api.list(owner, "/v1/subscriptions/" + id + "/invoices"),
                invoices -> !invoices.isEmpty() && "PAID".equals(invoices.get(0).get("status")), Duration.ofSeconds(20));
        return id;
    }

    private Map<String, Object> add(String owner, String email, String role) {
        var added = api.post(owner, USERS, Map.of("email", email, "role", role));
        assertThat(added.code()).isEqualTo(201);
        return added.body();
    }

    /** The added user sets a password with the mailed link, as anyone who forgot one does, and signs in. */
    private String acceptInvitation(String email) {
        LoggingMailSender mailbox = platform.bean(LoggingMailSender.class);
        String body = ApiSession.eventually(() -> mailbox.sentTo(email), mails -> !mails.isEmpty(),
                Duration.ofSeconds(10)).get(0).body();
        Matcher link = RESET_LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        PortalBrowser browser = new PortalBrowser(portal.toBlocking());
        PortalBrowser.Page reset = browser.post("/portal/password/reset", browser.get(link.group(1)),
                Map.of("token", link.group(2), "newPassword", "billing-desk-passphrase"));
        assertThat(reset.status()).as(reset.body()).isEqualTo(303);
        return api.login(email, "billing-desk-passphrase");
    }

    private PortalBrowser signedIntoPortal(String email, String password) {
        PortalBrowser browser = new PortalBrowser(portal.toBlocking());
        PortalBrowser.Page signedIn = browser.post("/portal/signin", browser.get("/portal/signin"),
                Map.of("email", email, "password", password));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        return browser;
    }

    private HttpClientResponseException refused(Runnable request, int status, String type) {
        HttpClientResponseException e = api.failure(request);
        assertThat(e.code()).isEqualTo(status);
        assertThat(ApiSession.problem(e)).containsEntry("type", PROBLEMS + type);
        return e;
    }

    private void delete(String token, String path) {
        http.exchange(HttpRequest.DELETE(path).bearerAuth(token));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBillingUserSeesTheCompanysInvoicesAndChangesItsCardButCannotCancelOrManageUsers() {
        String owner = company(email("owner"));
        String subscription = subscribe(owner);
        String billingEmail = email("billing");

        Map<String, Object> added = add(owner, billingEmail, "BILLING");
        String billing = acceptInvitation(billingEmail);

        assertThat(added).containsEntry("email", billingEmail).containsEntry("role", "BILLING");
        assertThat(api.list(owner, USERS)).extracting(user -> user.get("role")).containsExactly("OWNER", "BILLING");
        // The company's subscription and invoices are the billing user's to see ...
        assertThat(api.get(billing, "/v1/subscriptions/" + subscription)).containsEntry("status", "ACTIVE");
        assertThat(api.list(billing, "/v1/subscriptions/" + subscription + "/invoices")).hasSize(1);
        // ... and its card to change ...
        assertThat(api.put(billing, "/v1/subscriptions/" + subscription + "/payment-method",
                Map.of("paymentMethod", "pm_card_mastercard")).code()).isEqualTo(202);
        // ... but not its plan, its life or its users.
        HttpClientResponseException cancel = refused(() -> api.post(billing, "/v1/subscriptions/" + subscription
                + "/cancel", Map.of("timing", "IMMEDIATELY")), 403, "account-role-forbidden");
        assertThat((String) ApiSession.problem(cancel).get("detail")).contains("BILLING", "only an OWNER");
        refused(() -> api.post(billing, "/v1/subscriptions", Map.of("planId", "plan_digital_monthly",
                "paymentMethod", "pm_card_visa")), 403, "account-role-forbidden");
        refused(() -> api.post(billing, USERS, Map.of("email", email("friend"), "role", "OWNER")), 403,
                "account-role-forbidden");
        refused(() -> api.list(billing, USERS), 403, "account-role-forbidden");
        assertThat(api.get(owner, "/v1/subscriptions/" + subscription)).containsEntry("status", "ACTIVE");
        List<AuditEntry> audited = platform.bean(AuditLog.class).findByTarget("customer:"
                + api.get(owner, "/v1/customers/me").get("customerId"));
        assertThat(audited).extracting(AuditEntry::action).containsExactly("account-user.added");
        assertThat(audited.get(0).outcome()).isEqualTo(billingEmail + " added as BILLING");
    }

    @Test
    void anAccountKeepsAnOwnerAndARemovedOrDemotedUsersTokensStopWorking() {
        String ownerEmail = email("owner");
        String owner = company(ownerEmail);
        String ownerId = (String) api.list(owner, USERS).get(0).get("id");
        String secondEmail = email("second");
        String second = (String) add(owner, secondEmail, "BILLING").get("id");

        refused(() -> delete(owner, USERS + "/" + ownerId), 409, "last-owner");
        refused(() -> api.put(owner, USERS + "/" + ownerId + "/role", Map.of("role", "BILLING")), 409,
                "last-owner");
        Map<String, Object> promoted = api.put(owner, USERS + "/" + second + "/role", Map.of("role", "OWNER")).body();
        delete(owner, USERS + "/" + ownerId);

        assertThat(promoted).containsEntry("role", "OWNER");
        // The removed owner's access token ended with the removal, and the address may sign up afresh.
        assertThat(api.failure(() -> api.get(owner, "/v1/customers/me")).code()).isEqualTo(401);
        assertThat(api.failure(() -> api.login(ownerEmail, "correct-horse-battery")).code()).isEqualTo(401);
        String newcomer = acceptInvitation(secondEmail);
        assertThat(api.list(newcomer, USERS)).extracting(user -> user.get("email")).containsExactly(secondEmail);
        assertThat(platform.bean(AuditLog.class).findByTarget("customer:" + api.get(newcomer, "/v1/customers/me")
                .get("customerId"))).extracting(AuditEntry::action)
                .containsExactly("account-user.added", "account-user.role-changed", "account-user.removed");
    }

    @Test
    void anotherCompanysUsersAndSubscriptionsAreNotFoundAndAPersonOrAKnownEmailIsNotAdded() {
        String first = company(email("owner"));
        String subscription = subscribe(first);
        String firstsUser = (String) add(first, email("billing"), "BILLING").get("id");
        String other = company(email("other"));
        String person = api.newCustomer();

        refused(() -> delete(other, USERS + "/" + firstsUser), 404, "not-found");
        refused(() -> api.put(other, USERS + "/" + firstsUser + "/role", Map.of("role", "OWNER")), 404,
                "not-found");
        refused(() -> api.get(other, "/v1/subscriptions/" + subscription), 404, "not-found");
        refused(() -> api.post(person, USERS, Map.of("email", email("friend"), "role", "BILLING")), 409,
                "not-a-company-account");
        String taken = (String) api.list(other, USERS).get(0).get("email");
        refused(() -> api.post(first, USERS, Map.of("email", taken, "role", "BILLING")), 409, "email-taken");
        refused(() -> api.post(first, USERS, Map.of("email", email("x"), "role", "ADMIN")), 400, "validation");
        assertThat(api.list(first, USERS)).hasSize(2);
    }

    @Test
    void aBillingUserSeesOnlyTheCardFormsInThePortalAndAnOwnerOnlyFormPostedAnywayIsRefusedWithAPage() {
        String ownerEmail = email("owner");
        String owner = company(ownerEmail);
        String subscription = subscribe(owner);
        String billingEmail = email("billing");
        add(owner, billingEmail, "BILLING");
        acceptInvitation(billingEmail);
        PortalBrowser billing = signedIntoPortal(billingEmail, "billing-desk-passphrase");
        PortalBrowser owners = signedIntoPortal(ownerEmail, "correct-horse-battery");
        String page = "/portal/subscriptions/" + subscription;
        List<String> ownerOnly = List.of("id=\"preview-change\"", "id=\"preview-seats\"", "id=\"apply-coupon\"",
                "id=\"pause\"", "id=\"cancel\"");

        assertThat(owners.get(page).body()).contains(ownerOnly).doesNotContain("id=\"billing-user\"");
        PortalBrowser.Page seen = billing.get(page);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body()).contains("id=\"billing-user\"", "id=\"change-card\"")
                .doesNotContain(ownerOnly.toArray(String[]::new));
        assertThat(billing.get("/portal/plans").body()).contains("id=\"billing-user\"")
                .doesNotContain("class=\"subscribe\"");
        assertThat(billing.get("/portal/account").body()).contains("id=\"change-password\"")
                .doesNotContain("id=\"save-profile\"", "id=\"to-delete\"");

        // A form posted anyway is a page a person reads, not a JSON problem, and changes nothing.
        Map<String, Map<String, String>> forms = Map.of("/cancel", Map.of("reason", "other"), "/pause", Map.of(),
                "/items/preview", Map.of("quantity", "2"), "/plan-change/preview",
                Map.of("planId", "plan_digital_monthly"));
        for (var form : forms.keySet()) {
            PortalBrowser.Page refused = billing.post(page + form, seen, forms.get(form));
            assertThat(refused.status()).as(form).isEqualTo(403);
            assertThat(refused.header("Content-Type")).as(form).startsWith("text/html");
            assertThat(refused.body()).as(form).contains("role=\"alert\"",
                    "As a billing user of this account you may change payment methods and cards only");
        }
        assertThat(api.get(owner, "/v1/subscriptions/" + subscription)).containsEntry("cancelAtPeriodEnd", false)
                .containsEntry("pauseAtPeriodEnd", false).containsEntry("quantity", 1);
        // What the role allows still works: the card of the subscription, and the saved cards.
        assertThat(billing.post(page + "/payment-method", seen, Map.of("paymentMethod", "pm_card_mastercard"))
                .status()).isEqualTo(303);
        assertThat(billing.post("/portal/payment-methods", billing.get("/portal/payment-methods"),
                Map.of("card", "pm_card_visa")).status()).isEqualTo(303);
    }
}
