package io.perennial.acceptance;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.MalformedURLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the portal shows from the other issues' parts: member points and account credit on the account page,
 * recommendations on the plans page, and a payment that waits for the subscriber (the bank's authentication) answered
 * from the subscription page. Each shows what the JSON API shows for the same customer.
 */
@PlatformTest
class PortalBalancesAndActionsTest {

    private static final String PASSWORD = "correct-horse-battery";

    private TestPlatform platform;
    private HttpClient http;
    private String ops;
    private String planId;

    @BeforeAll
    void start() throws MalformedURLException {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        http = HttpClient.create(platform.baseUrl().toURL(), configuration);
        ops = platform.api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String admin = platform.api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        platform.api.post(admin, "/v1/admin/products", Map.of("id", "garden-" + suffix, "name", "Garden club",
                "kind", "DIGITAL"));
        planId = "plan_garden_" + suffix;
        platform.api.post(admin, "/v1/admin/plans", Map.of("id", planId, "productId", "garden-" + suffix,
                "name", "Garden club monthly", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 900))));
    }

    @AfterAll
    void stop() {
        http.close();
    }

    private record Customer(PortalBrowser browser, String token, String customerId) {
    }

    private Customer signedUp(String language) {
        String email = "portal-" + UUID.randomUUID() + "@example.com";
        PortalBrowser browser = new PortalBrowser(http.toBlocking());
        browser.language = language;
        assertThat(browser.post("/portal/signup", browser.get("/portal/signup"), Map.of("name", "Lin Hui",
                "email", email, "password", PASSWORD)).status()).isEqualTo(303);
        String token = platform.api.login(email, PASSWORD);
        return new Customer(browser, token, (String) platform.api.get(token, "/v1/customers/me").get("customerId"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAccountShowsThePointsAndCreditTheApiShowsAndThePlansPageTheRecommendations() {
        Customer lin = signedUp("en");
        assertThat(lin.browser().get("/portal/account").body()).contains("id=\"points\">0<", "id=\"credit\"><span>None");

        platform.api.post(ops, "/v1/ops/customers/" + lin.customerId() + "/points",
                Map.of("points", 120, "reason", "late_delivery_apology"));
        platform.api.post(ops, "/v1/ops/customers/" + lin.customerId() + "/credit",
                Map.of("amountMinor", 550, "currency", "EUR", "reason", "goodwill"));
        assertThat(platform.api.get(lin.token(), "/v1/customers/me/points")).containsEntry("balance", 120);
        String account = lin.browser().get("/portal/account").body();
        assertThat(account).contains("id=\"points\">120<", "€5.50");

        // Someone subscribes, the model is trained: a newcomer is offered what is popular, on the page as by the API.
        platform.api.post(platform.api.newCustomer(), "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa"));
        assertThat(platform.api.post(ops, "/v1/ops/recommendations/refresh", Map.of()).code()).isEqualTo(200);
        List<Map<String, Object>> offered = (List<Map<String, Object>>) platform.api.get(lin.token(),
                "/v1/customers/me/recommendations?limit=5").get("items");
        assertThat(offered).isNotEmpty();
        String plans = lin.browser().get("/portal/plans").body();
        assertThat(plans).contains("Recommended for you", "popular with other customers");
        offered.forEach(item -> assertThat(plans).contains("data-item=\"" + item.get("itemType") + ":"
                + item.get("itemId") + "\""));

        PortalBrowser chinese = signedUp("zh").browser();
        assertThat(chinese.get("/portal/account").body()).contains("会员积分", "账户余额");
    }

    @Test
    void aPaymentThatWaitsForTheSubscriberIsConfirmedFromTheSubscriptionPage() {
        Customer lin = signedUp("en");
        String id = (String) platform.api.post(lin.token(), "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_authenticationRequired")).body().get("id");
        String path = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> platform.api.get(lin.token(), path + "?consistency=strong"),
                view -> view.get("nextAction") != null, Duration.ofSeconds(20));
        String page = "/portal/subscriptions/" + id;
        PortalBrowser.Page waiting = lin.browser().get(page);
        assertThat(waiting.body()).contains("id=\"payment-action\"", "Your bank asks you to confirm a payment");

        // Another customer cannot answer it: 404, as through the API.
        PortalBrowser stranger = signedUp("en").browser();
        assertThat(stranger.post(page + "/payment-authentication", stranger.get("/portal/subscriptions"),
                Map.of("approve", "true")).status()).isEqualTo(404);

        PortalBrowser.Page answered = lin.browser().post(page + "/payment-authentication", waiting,
                Map.of("approve", "true"));
        assertThat(answered.status()).isEqualTo(303);
        assertThat(answered.header("Location")).isEqualTo(page + "?done=payment-answered");
        Map<String, Object> active = ApiSession.eventually(() -> platform.api.get(lin.token(),
                path + "?consistency=strong"), view -> view.get("nextAction") == null
                && "ACTIVE".equals(view.get("status")) && view.get("currentPeriod") != null, Duration.ofSeconds(20));
        assertThat(active).containsEntry("failedPaymentCount", 0);
        assertThat(platform.api.list(lin.token(), path + "/invoices")).singleElement()
                .satisfies(invoice -> assertThat(invoice).containsEntry("status", "PAID"));
        assertThat(lin.browser().get(page).body()).doesNotContain("id=\"payment-action\"");
    }

    @Test
    void aSentInvoiceSaysHowToPayItUntilABankTransferPaysIt() {
        Customer lin = signedUp("en");
        String id = (String) platform.api.post(lin.token(), "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "collectionMethod", "SEND_INVOICE", "daysUntilDue", 14))
                .body().get("id");
        Map<String, Object> invoice = ApiSession.eventually(() -> platform.api.list(lin.token(),
                "/v1/subscriptions/" + id + "/invoices"), found -> found.size() == 1, Duration.ofSeconds(20)).get(0);
        String reference = (String) invoice.get("bankReference");
        assertThat(reference).isNotBlank();
        String page = "/portal/invoices/" + invoice.get("id");
        assertThat(lin.browser().get(page).body()).contains("id=\"pay-by-transfer\"", "How to pay this invoice",
                "€9.00", reference, "IBAN DE89 3704 0044 0532 0130 00");

        platform.api.post(ops, "/v1/ops/bank-transfers", Map.of("bankTransactionId", "portal-" + UUID.randomUUID(),
                "amountMinor", 900, "currency", "EUR", "reference", reference, "payerName", "Lin Hui",
                "valueDate", java.time.LocalDate.now().toString()));
        ApiSession.eventually(() -> platform.api.get(lin.token(), "/v1/invoices/" + invoice.get("id")),
                paid -> "PAID".equals(paid.get("status")), Duration.ofSeconds(20));
        assertThat(lin.browser().get(page).body()).doesNotContain("id=\"pay-by-transfer\"");
    }

    @Test
    void aSentInvoiceIsPaidWithAlipayFromItsPageOnTheProvidersPageAndShowsPaidOnceConfirmed() {
        Customer lin = signedUp("en");
        String id = (String) platform.api.post(lin.token(), "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "collectionMethod", "SEND_INVOICE", "daysUntilDue", 14))
                .body().get("id");
        Map<String, Object> invoice = ApiSession.eventually(() -> platform.api.list(lin.token(),
                "/v1/subscriptions/" + id + "/invoices"), found -> found.size() == 1, Duration.ofSeconds(20)).get(0);
        String page = "/portal/invoices/" + invoice.get("id");
        PortalBrowser.Page shown = lin.browser().get(page);
        assertThat(shown.body()).contains("id=\"pay-alipay\"", "Pay with Alipay", "id=\"pay-wechat\"",
                "Pay with WeChat Pay");

        assertThat(lin.browser().get(page + "?payment=redirect").body()).contains("id=\"payment-confirming\"");
        PortalBrowser.Page toProvider = lin.browser().post(page + "/pay", shown, Map.of("method", "alipay"));
        assertThat(toProvider.status()).isEqualTo(303);
        String providerPage = java.net.URI.create(toProvider.header("Location")).getPath();
        assertThat(providerPage).startsWith("/provider/redirects/rs_sim_");
        // The provider's page is another site: no Perennial session is needed there.
        PortalBrowser visitor = new PortalBrowser(http.toBlocking());
        assertThat(visitor.get(providerPage).body()).contains("Alipay (simulated provider)", "9.00 EUR",
                "id=\"approve\"", "id=\"fail\"");
        PortalBrowser.Page back = visitor.post(providerPage, null, Map.of("outcome", "approve"));
        assertThat(back.status()).isEqualTo(303);
        assertThat(java.net.URI.create(back.header("Location")).getPath()).isEqualTo(page);
        assertThat(java.net.URI.create(back.header("Location")).getQuery()).isEqualTo("payment=redirect");

        ApiSession.eventually(() -> platform.api.get(lin.token(), "/v1/invoices/" + invoice.get("id")),
                paid -> "PAID".equals(paid.get("status")), Duration.ofSeconds(20));
        assertThat(lin.browser().get(page).body()).doesNotContain("id=\"pay-alipay\"");
        // Back from the provider, an invoice still open says the confirmation is on its way; a paid one does not.
        assertThat(lin.browser().get(page + "?payment=redirect").body()).doesNotContain("id=\"payment-confirming\"");
        assertThat(visitor.get(providerPage).body()).contains("SUCCEEDED").doesNotContain("id=\"approve\"");
    }
}
