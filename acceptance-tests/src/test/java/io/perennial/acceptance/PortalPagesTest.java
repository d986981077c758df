package io.perennial.acceptance;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
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
 * The customer portal's subscription pages on the running platform: the same ownership as the JSON API, the API's
 * create and change paths behind the forms, and Chinese pages with prices in CNY and EUR.
 */
@PlatformTest
class PortalPagesTest {

    private static final Pattern SUBSCRIPTION = Pattern.compile("/portal/subscriptions/([0-9a-f-]{36})");

    private TestPlatform platform;
    private HttpClient http;
    private String planId;
    private String boxPlanId;

    @BeforeAll
    void start() throws java.net.MalformedURLException {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        http = HttpClient.create(platform.baseUrl().toURL(), configuration);
        // A plan priced in euros and in yuan, so a Chinese subscriber can pay in CNY.
        String admin = platform.api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        platform.api.post(admin, "/v1/admin/products", Map.of("id", "news-" + suffix, "name", "News",
                "kind", "DIGITAL"));
        planId = "plan_news_" + suffix;
        platform.api.post(admin, "/v1/admin/plans", Map.of("id", planId, "productId", "news-" + suffix,
                "name", "News monthly", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 990),
                        Map.of("currency", "CNY", "amountMinor", 6800))));
        platform.api.post(admin, "/v1/admin/products", Map.of("id", "tea-" + suffix, "name", "Tea box",
                "kind", "PHYSICAL"));
        boxPlanId = "plan_tea_" + suffix;
        platform.api.post(admin, "/v1/admin/plans", Map.of("id", boxPlanId, "productId", "tea-" + suffix,
                "name", "Tea, every month", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 1500)),
                "box", List.of(Map.of("sku", io.perennial.launcher.DemoStock.SKU, "quantity", 1))));
    }

    @AfterAll
    void stop() {
        http.close();
    }

    private PortalBrowser signedUp(String language) {
        return signedUp(language, "portal-" + UUID.randomUUID() + "@example.com");
    }

    private PortalBrowser signedUp(String language, String email) {
        PortalBrowser browser = new PortalBrowser(http.toBlocking());
        browser.language = language;
        PortalBrowser.Page signedUp = browser.post("/portal/signup", browser.get("/portal/signup"), Map.of(
                "name", "Lin Hui", "email", email, "password", "correct-horse-battery"));
        assertThat(signedUp.status()).isEqualTo(303);
        return browser;
    }

    private String subscribe(PortalBrowser browser, String plan, String currency) {
        PortalBrowser.Page subscribed = browser.post("/portal/plans/" + plan + "/subscribe",
                browser.get("/portal/plans"), Map.of("currency", currency, "paymentMethod", "pm_card_visa"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(303);
        Matcher id = SUBSCRIPTION.matcher(subscribed.header("Location"));
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    @Test
    void theSameSubscribeFormSubmittedTwiceAtOnceOrAgainLaterSubscribesOnce() {
        String email = "portal-" + UUID.randomUUID() + "@example.com";
        PortalBrowser browser = signedUp("en", email);
        Pattern keyOfThePlan = Pattern.compile("/portal/plans/" + planId
                + "/subscribe\"[\\s\\S]*?name=\"idempotencyKey\" value=\"([^\"]+)\"");
        PortalBrowser.Page plans = browser.get("/portal/plans");
        Matcher key = keyOfThePlan.matcher(plans.body());
        assertThat(key.find()).as(plans.body()).isTrue();
        Map<String, String> form = Map.of("currency", "EUR", "paymentMethod", "pm_card_visa",
                "idempotencyKey", key.group(1));
        String path = "/portal/plans/" + planId + "/subscribe";
        // A double click: the same form twice at once, from the same session.
        PortalBrowser twin = new PortalBrowser(http.toBlocking());
        twin.cookies.putAll(browser.cookies);

        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> browser.post(path, plans, form));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> twin.post(path, plans, form));
        PortalBrowser.Page again = browser.post(path, plans, form);

        assertThat(first.join().status()).as(first.join().body()).isEqualTo(303);
        assertThat(second.join().status()).as(second.join().body()).isEqualTo(303);
        assertThat(again.status()).isEqualTo(303);
        assertThat(second.join().header("Location")).isEqualTo(first.join().header("Location"))
                .isEqualTo(again.header("Location")).endsWith("?done=subscribed");
        String token = platform.api.login(email, "correct-horse-battery");
        assertThat(ApiSession.eventually(() -> (List<?>) platform.api.get(token, "/v1/subscriptions").get("items"),
                items -> !items.isEmpty(), Duration.ofSeconds(10))).hasSize(1);
        // The key belongs to that form: another answer for it is refused by the API's rule, a new visit mints anew.
        PortalBrowser.Page otherCurrency = browser.post(path, plans, Map.of("currency", "CNY",
                "paymentMethod", "pm_card_visa", "idempotencyKey", key.group(1)));
        assertThat(otherCurrency.status()).isEqualTo(422);
        assertThat(otherCurrency.body()).contains("Idempotency key reused");
        Matcher fresh = keyOfThePlan.matcher(browser.get("/portal/plans").body());
        assertThat(fresh.find()).isTrue();
        assertThat(fresh.group(1)).isNotEqualTo(key.group(1));
    }

    @Test
    void anotherCustomersSubscriptionIsNotFoundThroughThePortalAndCannotBeCanceled() {
        String owner = platform.api.newCustomer();
        String theirs = (String) platform.api.post(owner, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        PortalBrowser stranger = signedUp("en");

        PortalBrowser.Page page = stranger.get("/portal/subscriptions/" + theirs);
        PortalBrowser.Page cancel = stranger.post("/portal/subscriptions/" + theirs + "/cancel",
                stranger.get("/portal/subscriptions"), Map.of("reason", "other"));

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("Not found").doesNotContain("plan_digital_monthly");
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(platform.api.get(owner, "/v1/subscriptions/" + theirs)).containsEntry("cancelAtPeriodEnd", false);
        assertThat(stranger.get("/portal/subscriptions/not-a-uuid").status()).isEqualTo(404);
    }

    /**
     * The first payment is collected: the page says ACTIVE from the moment the API wrote the row, but until the
     * first charge (after its risk check) there is no next charge date, and a pause or cancel then is refused (409).
     */
    private static boolean charged(String body) {
        return body.contains("data-status=\"ACTIVE\"") && !body.contains("id=\"next-charge\">—<");
    }

    @Test
    void aSubscriberSubscribesPausesResumesCancelsAndUncancelsThroughTheApisOwnPaths() {
        PortalBrowser browser = signedUp("en");
        String id = subscribe(browser, planId, "EUR");
        String page = "/portal/subscriptions/" + id;

        String shown = ApiSession.eventually(() -> browser.get(page + "?done=subscribed").body(),
                PortalPagesTest::charged, Duration.ofSeconds(20));
        assertThat(shown).contains("€9.90", "You are subscribed.");

        assertThat(browser.post(page + "/pause", browser.get(page), Map.of()).status()).isEqualTo(303);
        assertThat(browser.get(page).body()).contains("id=\"resume\"");
        assertThat(browser.post(page + "/resume", browser.get(page), Map.of()).status()).isEqualTo(303);
        assertThat(browser.post(page + "/cancel", browser.get(page), Map.of("reason", "too_expensive")).status())
                .isEqualTo(303);
        assertThat(browser.get(page).body()).contains("id=\"uncancel\"", "at the end of the current period");
        assertThat(browser.post(page + "/uncancel", browser.get(page), Map.of()).status()).isEqualTo(303);
        assertThat(browser.get(page).body()).contains("id=\"cancel\"").doesNotContain("id=\"uncancel\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBoxSubscriberSkipsTheNextBoxFromTheSubscriptionsPage() {
        String email = "portal-" + UUID.randomUUID() + "@example.com";
        PortalBrowser browser = signedUp("en", email);
        String token = platform.api.login(email, "correct-horse-battery");
        String id = (String) platform.api.post(token, "/v1/subscriptions", Map.of("planId", boxPlanId,
                "paymentMethod", "pm_card_visa", "shippingAddress", Map.of("recipient", "Lin Hui",
                        "line1", "Keizersgracht 1", "city", "Amsterdam", "postalCode", "1015 AB",
                        "countryCode", "NL"))).body().get("id");
        String page = "/portal/subscriptions/" + id;
        ApiSession.eventually(() -> browser.get(page).body(), body -> body.contains("id=\"skip-box\""),
                Duration.ofSeconds(20));

        assertThat(browser.post(page + "/next-box/skip", browser.get(page), Map.of()).status()).isEqualTo(303);

        assertThat(browser.get(page + "?done=box-skipped").body()).contains("The next box is skipped.",
                "data-skipped=\"true\"").doesNotContain("id=\"skip-box\"");
        assertThat((Map<String, Object>) platform.api.get(token, "/v1/subscriptions/" + id).get("nextBox"))
                .containsEntry("skipped", true);
    }

    @Test
    void aPlanChangeIsPreviewedWithTheApisNumbersBeforeItIsApplied() {
        PortalBrowser browser = signedUp("en");
        String id = subscribe(browser, "plan_digital_monthly", "EUR");
        String page = "/portal/subscriptions/" + id;

        PortalBrowser.Page preview = browser.post(page + "/plan-change/preview", browser.get(page),
                Map.of("planId", "plan_digital_yearly"));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("Confirm the plan change", "id=\"due-now\"", "id=\"confirm-change\"");
        assertThat(browser.get(page).body()).contains("plan_digital_monthly");
        PortalBrowser.Page applied = browser.post(page + "/plan-change", preview,
                Map.of("planId", "plan_digital_yearly"));
        assertThat(applied.status()).isEqualTo(303);
        assertThat(applied.header("Location")).isEqualTo(page + "?done=plan-changed");
        assertThat(browser.get(applied.header("Location")).body())
                .contains("Your plan was changed.", "Subscription: plan_digital_yearly");
    }

    @Test
    void aChineseSubscriberSeesChinesePagesWithYuanAndEuroFormattedForTheLocale() {
        PortalBrowser browser = signedUp("zh-CN,zh;q=0.9");

        PortalBrowser.Page plans = browser.get("/portal/plans");
        String id = subscribe(browser, planId, "CNY");
        String page = ApiSession.eventually(
                () -> browser.get("/portal/subscriptions/" + id + "?done=subscribed").body(),
                PortalPagesTest::charged, Duration.ofSeconds(20));

        assertThat(plans.body()).contains("lang=\"zh-CN\"", "选择套餐", "¥68.00", "€9.90", "每 1 个月");
        assertThat(page).contains("订阅成功。", "有效", "下次扣款", "¥68.00").doesNotContain("Next charge");
        assertThat(page).containsPattern("20\\d\\d年\\d{1,2}月\\d{1,2}日");
        // The same price for an English reader: the currency is named, since "¥" alone could be yen.
        browser.language = "en";
        assertThat(browser.get("/portal/plans").body()).contains("CN¥68.00", "€9.90");
    }

    @Test
    void anOrderShowsItsTrackingTimelineInThePortal() {
        String email = "portal-" + UUID.randomUUID() + "@example.com";
        PortalBrowser browser = signedUp("en", email);
        String token = platform.api.login(email, "correct-horse-battery");
        String order = (String) platform.api.post(token, "/v1/orders", Map.of(
                "lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)),
                "shippingAddress", Map.of("recipient", "Lin Hui", "line1", "Keizersgracht 1", "city", "Amsterdam",
                        "postalCode", "1015 AB", "countryCode", "NL"),
                "paymentMethod", "pm_card_visa")).body().get("id");

        String page = ApiSession.eventually(() -> browser.get("/portal/orders/" + order).body(),
                body -> body.contains("Paid"), Duration.ofSeconds(20));

        assertThat(browser.get("/portal/orders").body()).contains("/portal/orders/" + order, "€12.50");
        assertThat(page).contains("Tracking timeline", "Received", "Stock reserved", "Paid");
        assertThat(signedUp("en").get("/portal/orders/" + order).status()).isEqualTo(404);
    }

    @Test
    void aSubscriberExportsTheirOwnDataAsJsonAndNobodyElses() {
        String email = "portal-" + UUID.randomUUID() + "@example.com";
        PortalBrowser browser = signedUp("en", email);
        String mine = subscribe(browser, planId, "EUR");
        String owner = platform.api.newCustomer();
        String theirs = (String) platform.api.post(owner, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");

        PortalBrowser.Page export = browser.get("/portal/account/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Disposition")).contains("attachment");
        assertThat(export.body()).contains("\"email\":\"" + email + "\"", mine, "\"invoices\"", "\"orders\"")
                .doesNotContain(theirs);
    }
}
