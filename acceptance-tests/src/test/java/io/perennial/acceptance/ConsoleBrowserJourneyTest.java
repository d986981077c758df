package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.perennial.payment.SimulatedGatewayLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

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
    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private TestPlatform platform;
    private WebDriver browser;
    private String axe;

    @BeforeAll
    void start() throws IOException {
        var chromium = RealTemporalPrerequisites.onPath("chromium", "chromium-browser", "google-chrome");
        var chromedriver = RealTemporalPrerequisites.onPath("chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            assertThat("true".equals(System.getenv("CI"))).as(RealTemporalPrerequisites.BROWSER_MISSING).isFalse();
            Assumptions.abort(RealTemporalPrerequisites.BROWSER_MISSING);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=en-US");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
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
        waitFor(() -> present("#sign-in"));
        if (language.equals("zh")) {
            browser.findElement(By.cssSelector("a[lang='zh-CN']")).click();
            waitFor(() -> browser.findElement(By.tagName("h1")).getText().equals("员工登录"));
        }
        shot(language, "1-sign-in");
        signIn(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        browser.get(base + "/console/renewals");
        waitFor(() -> present("#filter"));

        new Select(browser.findElement(By.id("reason"))).selectByValue("gateway_unavailable");
        new Select(browser.findElement(By.id("plan"))).selectByValue("plan_digital_monthly");
        WebElement unfiltered = browser.findElement(By.id("filter"));
        browser.findElement(By.id("apply-filter")).click();
        // htmx swaps the filtered list in: the unfiltered page (which lists the row too) has to go first.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(unfiltered));
        String row = "tr[data-subscription='" + subscription + "']";
        waitFor(() -> present(row));
        assertThat(browser.findElement(By.cssSelector(row)).getText()).contains(providerUnavailable,
                "subscription-" + subscription);
        assertThat(present("#no-temporal-ui")).as("the in-process server's missing UI is said").isTrue();
        shot(language, "2-failed-renewals");

        browser.findElement(By.id("bulk-retry")).click();
        waitFor(() -> present("#progress[data-done='true']"));
        assertThat(browser.findElement(By.id("selected")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("retried")).getText()).isEqualTo("1");
        shot(language, "3-bulk-retry-done");

        String filtered = base + "/console/renewals?reason=gateway_unavailable&planId=plan_digital_monthly";
        waitFor(() -> {
            browser.get(filtered);
            return present("#no-renewals");
        });
        String recovered = "tr[data-subscription='" + subscription + "'][data-status='ACTIVE']";
        waitFor(() -> {
            browser.get(base + "/console/subscriptions");
            return present(recovered);
        });
        shot(language, "4-recovered");
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(subscription + ":1:")).isEqualTo(1);

        // The next day, once the daily roll-up has counted the recovered subscriber, an admin opens the dashboard.
        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> present("#sign-in"));
        platform.api.post(platform.api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD),
                "/v1/dev/clock/advance", Map.of("duration", "P1D"));
        signIn(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        waitFor(() -> {
            browser.get(base + "/console");
            return !"0".equals(browser.findElement(By.cssSelector("[data-figure='active-subscribers']"))
                    .getAttribute("data-value"));
        });
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(dashboardTitle);
        assertThat(browser.findElement(By.cssSelector("[data-figure='failed-renewals']")).getAttribute("data-value"))
                .isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector("#mrr-by-month g.bar:last-child")).getAttribute("data-value"))
                .as("this month's MRR counts the recovered subscription").isNotEqualTo("0");
        shot(language, "5-dashboard");
    }

    /** Signs in on the sign-in page and waits for the dashboard, where staff land. */
    private void signIn(String email, String password) {
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        waitFor(() -> present("#dashboard"));
    }

    private boolean present(String css) {
        return !browser.findElements(By.cssSelector(css)).isEmpty();
    }

    private void waitFor(BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(250)).until(driver -> {
            try {
                return condition.getAsBoolean();
            } catch (WebDriverException swappedMeanwhile) {
                return false;
            }
        });
    }

    /** A screenshot of the page, and axe-core's audit of it: no serious or critical violation. */
    private void shot(String language, String name) throws IOException {
        Path file = SCREENSHOTS.resolve("console-" + language + "-" + name + ".png");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(seriousAccessibilityViolations()).as("axe-core on %s (see %s)", browser.getCurrentUrl(), file)
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<String> seriousAccessibilityViolations() throws IOException {
        if (axe == null) {
            try (InputStream in = getClass().getResourceAsStream(AXE)) {
                axe = new String(Objects.requireNonNull(in, AXE).readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript(axe);
        return (List<String>) page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(result => done(result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))));
                """);
    }
}
