package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.perennial.payment.SimulatedGatewayLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops console in a real browser (Debian's headless chromium, as the portal's journeys): a renewal is held in a
 * simulated payment provider outage on the test clock; once the provider is back, an ops user signs in, finds it
 * among the failed renewals by reason and plan, bulk-retries the selection, watches the batch finish (htmx polls
 * its progress) and sees the subscription recovered, charged once; then an admin opens the dashboard. Once in
 * English and once in Chinese (chosen with the page's language switch). Each page is screenshotted to
 * {@code acceptance-tests/target/console-screenshots/} (docs/screenshots/ has copies) and audited with axe-core.
 */
@PlatformTest(ownPlatform = true)
class ConsoleBrowserJourneyTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private TestPlatform platform;
    private WebDriver browser;
    private JourneyBrowser pages;

    @BeforeAll
    void start() throws IOException {
        pages = JourneyBrowser.open(SCREENSHOTS, "console", 1400);
        browser = pages.driver;
    }

    @AfterAll
    void stop() {
        if (pages != null) {
            pages.close();
        }
    }

    @Test
    void anOpsUserFindsARenewalHeldInAProviderOutageBulkRetriesItAndSeesItRecovered() throws IOException {
        journey("en", "Provider unavailable", "Dashboard");
    }

    @Test
    void aChineseOpsUserDoesTheSameInSimplifiedChinese() throws IOException {
        journey("zh", "支付服务不可用", "概览");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    }

    /**
     * Billing day in an outage: a new subscription's trial ends, every charge fails for the gateway window, the
     * renewal is held; then the provider comes back. Each journey holds its own renewal (the clock moves 14 days).
     */
    private String holdARenewalInAnOutage() {
        ApiSession api = platform.api;
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String subscription = (String) api.post(api.newCustomer(), "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "ERRORS", "note", "provider incident"));
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        ApiSession.eventually(() -> api.get(ops, "/v1/ops/renewals/failed?reason=gateway_unavailable").toString(),
                page -> page.contains(subscription), Duration.ofSeconds(30));
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        return subscription;
    }

    /** The journey in {@code language} (en, or zh through the page's language switch), ending on the dashboard. */
    private void journey(String language, String providerUnavailable, String dashboardTitle) throws IOException {
        String subscription = holdARenewalInAnOutage();
        String base = platform.baseUrl().toString();
        browser.manage().deleteAllCookies();
        browser.get(base + "/console/renewals");
        pages.waitFor(() -> pages.present("#sign-in"));
        if (language.equals("zh")) {
            browser.findElement(By.cssSelector("a[lang='zh-CN']")).click();
            pages.waitFor(() -> browser.findElement(By.tagName("h1")).getText().equals("员工登录"));
        }
        pages.shot(language, "1-sign-in");
        signIn(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        browser.get(base + "/console/renewals");
        pages.waitFor(() -> pages.present("#filter"));

        new Select(browser.findElement(By.id("reason"))).selectByValue("gateway_unavailable");
        new Select(browser.findElement(By.id("plan"))).selectByValue("plan_digital_monthly");
        WebElement unfiltered = browser.findElement(By.id("filter"));
        browser.findElement(By.id("apply-filter")).click();
        // htmx swaps the filtered list in: the unfiltered page (which lists the row too) has to go first.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(unfiltered));
        String row = "tr[data-subscription='" + subscription + "']";
        pages.waitFor(() -> pages.present(row));
        assertThat(browser.findElement(By.cssSelector(row)).getText()).contains(providerUnavailable,
                "subscription-" + subscription);
        assertThat(pages.present("#no-temporal-ui")).as("the in-process server's missing UI is said").isTrue();
        pages.shot(language, "2-failed-renewals");

        browser.findElement(By.id("bulk-retry")).click();
        pages.waitFor(() -> pages.present("#progress[data-done='true']"));
        assertThat(browser.findElement(By.id("selected")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("retried")).getText()).isEqualTo("1");
        pages.shot(language, "3-bulk-retry-done");

        String filtered = base + "/console/renewals?reason=gateway_unavailable&planId=plan_digital_monthly";
        pages.waitFor(() -> {
            browser.get(filtered);
            return pages.present("#no-renewals");
        });
        String recovered = "tr[data-subscription='" + subscription + "'][data-status='ACTIVE']";
        pages.waitFor(() -> {
            browser.get(base + "/console/subscriptions");
            return pages.present(recovered);
        });
        pages.shot(language, "4-recovered");
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(subscription + ":1:")).isEqualTo(1);

        // The next day, once the daily roll-up has counted the recovered subscriber, an admin opens the dashboard.
        browser.findElement(By.id("sign-out")).click();
        pages.waitFor(() -> pages.present("#sign-in"));
        platform.api.post(platform.api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD),
                "/v1/dev/clock/advance", Map.of("duration", "P1D"));
        signIn(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        pages.waitFor(() -> {
            browser.get(base + "/console");
            return !"0".equals(browser.findElement(By.cssSelector("[data-figure='active-subscribers']"))
                    .getAttribute("data-value"));
        });
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(dashboardTitle);
        assertThat(browser.findElement(By.cssSelector("[data-figure='failed-renewals']")).getAttribute("data-value"))
                .isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector("#mrr-by-month g.bar:last-child")).getAttribute("data-value"))
                .as("this month's MRR counts the recovered subscription").isNotEqualTo("0");
        pages.shot(language, "5-dashboard");
    }

    /**
     * The console's other pages, audited with axe-core in both languages: stock with a purchase order placed by a
     * restock, its page, shipments, refunds, the audit log, webhook endpoints and one endpoint's deliveries, a 404.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyOtherConsolePageHasNoSeriousAccessibilityViolationInEnglishOrChinese() throws IOException {
        ApiSession api = platform.api;
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String sku = "AUDIT-" + suffix.toUpperCase();
        api.post(admin, "/v1/admin/products", Map.of("id", "audit-box-" + suffix, "name", "Box", "kind", "PHYSICAL"));
        api.post(admin, "/v1/admin/suppliers", Map.of("id", "audit-roaster-" + suffix, "name", "Roaster",
                "leadTime", "P4D"));
        api.post(admin, "/v1/admin/skus", Map.of("sku", sku, "productId", "audit-box-" + suffix, "name", "Beans",
                "initialOnHand", 10, "reorderPoint", 3, "reorderQuantity", 24,
                "preferredSupplierId", "audit-roaster-" + suffix, "unitPriceMinor", 1250, "currency", "EUR"));
        // The purchase order's event is delivered to a receiver here, so the endpoint's page lists a delivery.
        WebhookReceiver receiver = new WebhookReceiver();
        String endpoint = (String) api.post(admin, "/v1/admin/webhook-endpoints", Map.of("url",
                receiver.url("/audit", 0), "eventTypes", List.of("purchase_order.placed"))).body().get("id");
        api.post(admin, "/v1/ops/stock/" + sku + "/adjustments", Map.of("delta", -8, "reason", "damage"));
        ApiSession.eventually(() -> api.get(admin, "/v1/purchase-orders?sku=" + sku).toString(),
                page -> page.contains("status=PLACED"), Duration.ofSeconds(20));
        String base = platform.baseUrl().toString();
        browser.manage().deleteAllCookies();
        browser.get(base + "/console/signin");
        signIn(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);

        for (String language : List.of("en", "zh-CN")) {
            browser.get(base + "/console/language?lang=" + language + "&back=/console");
            pages.waitFor(() -> pages.present("#dashboard"));
            for (String page : List.of("/console/stock", "/console/purchase-orders",
                    "/console/purchase-orders/po-" + sku + "-1", "/console/shipments", "/console/refunds",
                    "/console/audit-log", "/console/webhooks", "/console/webhooks/" + endpoint,
                    "/console/purchase-orders/po-none")) {
                browser.get(base + page);
                pages.waitFor(() -> pages.present("h1"));
                assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
                pages.audit();
            }
        }
        receiver.close();
    }

    /** Signs in on the sign-in page and waits for the dashboard, where staff land. */
    private void signIn(String email, String password) {
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        pages.waitFor(() -> pages.present("#dashboard"));
    }
}
