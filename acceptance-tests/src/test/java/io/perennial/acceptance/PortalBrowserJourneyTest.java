package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer portal in a real browser (Debian's headless chromium and chromedriver, as .ci/run installs them),
 * on the embedded platform: a subscriber signs up, chooses a plan, previews and applies an upgrade, downloads the
 * invoice as a PDF (its text read back with PDFBox), and cancels; once in English and once in Chinese; a box
 * subscriber saves a card and delays the next box. Each page
 * is screenshotted to {@code acceptance-tests/target/portal-screenshots/} (docs/screenshots/ has copies) and
 * audited with axe-core: no serious or critical accessibility violation.
 */
@PlatformTest
class PortalBrowserJourneyTest {

    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private TestPlatform platform;
    private WebDriver browser;
    private String axe;
    private String basic;
    private String plus;
    private String boxPlan;
    private String base;

    @BeforeAll
    void start() throws IOException {
        var chromium = RealTemporalPrerequisites.onPath("chromium", "chromium-browser", "google-chrome");
        var chromedriver = RealTemporalPrerequisites.onPath("chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            // CI installs both (.ci/run): there a missing browser is a failure, elsewhere a skip.
            assertThat("true".equals(System.getenv("CI"))).as(RealTemporalPrerequisites.BROWSER_MISSING).isFalse();
            Assumptions.abort(RealTemporalPrerequisites.BROWSER_MISSING);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        base = platform.baseUrl().toString();
        Files.createDirectories(SCREENSHOTS);
        // Two monthly plans without a trial, so subscribing charges at once and the upgrade is prorated.
        String admin = platform.api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        platform.api.post(admin, "/v1/admin/products", Map.of("id", "journal-" + suffix, "name", "Journal",
                "kind", "DIGITAL"));
        basic = "plan_journal_basic_" + suffix;
        plus = "plan_journal_plus_" + suffix;
        platform.api.post(admin, "/v1/admin/products", Map.of("id", "teabox-" + suffix, "name", "Tea box",
                "kind", "PHYSICAL"));
        boxPlan = "plan_teabox_" + suffix;
        platform.api.post(admin, "/v1/admin/plans", Map.of("id", boxPlan, "productId", "teabox-" + suffix,
                "name", "Tea, every month", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 1500)),
                "box", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1))));
        for (Map.Entry<String, Long> plan : Map.of(basic, 990L, plus, 1990L).entrySet()) {
            platform.api.post(admin, "/v1/admin/plans", Map.of("id", plan.getKey(), "productId", "journal-" + suffix,
                    "name", plan.getKey().contains("plus") ? "Journal plus" : "Journal basic",
                    "interval", Map.of("unit", "MONTH", "count", 1),
                    "prices", List.of(Map.of("currency", "EUR", "amountMinor", plan.getValue()))));
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aSubscriberSignsUpSubscribesUpgradesDownloadsTheInvoicePdfAndCancels() throws Exception {
        journey("en", "Your plan was changed.", "Your subscription will end at the end of the period.");
    }

    @Test
    void aChineseSubscriberDoesTheSameInSimplifiedChinese() throws Exception {
        journey("zh", "套餐已更换。", "您的订阅将在本期结束时终止。");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(text("h1")).startsWith("订阅");
    }

    @Test
    void aCustomerSignsInThroughTheOpenIdConnectProviderAndDeletesTheAccount() throws Exception {
        browser.manage().deleteAllCookies();
        TestOidcProvider.nextSignIn("subject-" + UUID.randomUUID(), "journey-" + UUID.randomUUID() + "@example.com",
                true);
        browser.get(base + "/portal/password/forgot");
        shot("en", "8-forgot-password");
        browser.get(base + "/portal/signin");
        shot("en", "9-sign-in-with-provider");

        browser.findElement(By.id("sign-in-with-" + TestOidcProvider.NAME)).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/portal/subscriptions") && present("#sign-out"));
        browser.get(base + "/portal/account/delete");
        shot("en", "10-delete-account");
        browser.findElement(By.id("confirm")).click();
        browser.findElement(By.id("delete-account")).click();
        waitFor(() -> present("#done"));

        assertThat(text("#done")).isEqualTo("Your account was deleted.");
        assertThat(present("#sign-out")).isFalse();
    }

    @Test
    void aBoxSubscriberSavesACardAndDelaysTheNextBox() throws Exception {
        browser.manage().deleteAllCookies();
        String email = "journey-" + UUID.randomUUID() + "@example.com";
        browser.get(base + "/portal/signup");
        browser.findElement(By.id("name")).sendKeys("Ada Lovelace");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct-horse-battery");
        browser.findElement(By.id("sign-up")).click();
        waitFor(() -> present("#choose-plan"));

        browser.get(base + "/portal/payment-methods");
        new Select(browser.findElement(By.id("new-card"))).selectByValue("pm_card_mastercard");
        browser.findElement(By.id("card-label")).sendKeys("Travel card");
        browser.findElement(By.id("add-card")).click();
        waitFor(() -> present("#done") && present("#cards"));
        assertThat(text("#cards")).contains("Travel card");
        shot("en", "11-payment-methods");

        // A box plan subscribed through the API by the same customer; its page has the box's forms.
        String token = platform.api.login(email, "correct-horse-battery");
        String id = (String) platform.api.post(token, "/v1/subscriptions", Map.of("planId", boxPlan,
                "paymentMethod", "pm_card_visa", "shippingAddress", Map.of("recipient", "Ada Lovelace",
                        "line1", "Keizersgracht 1", "city", "Amsterdam", "postalCode", "1015 AB",
                        "countryCode", "NL"))).body().get("id");
        waitFor(() -> {
            browser.get(base + "/portal/subscriptions/" + id);
            return present("#delay-box") && present("input[name='period'][value='2']");
        });
        shot("en", "12-box-subscription");
        browser.findElement(By.id("delay-days")).clear();
        browser.findElement(By.id("delay-days")).sendKeys("5");
        browser.findElement(By.id("delay-box")).click();
        waitFor(() -> present("#done") && text("#done").equals("The next box is delayed."));
        assertThat(browser.findElement(By.id("next-box")).getAttribute("data-delayed")).isEqualTo("true");
    }

    @Test
    void aChineseCustomerSignsInThroughTheOpenIdConnectProviderInSimplifiedChinese() throws Exception {
        browser.manage().deleteAllCookies();
        TestOidcProvider.nextSignIn("subject-" + UUID.randomUUID(), "journey-" + UUID.randomUUID() + "@example.com",
                true);
        browser.get(base + "/portal/signin");
        browser.findElement(By.cssSelector("a[lang='zh-CN']")).click();
        waitFor(() -> text("h1").equals("登录"));
        assertThat(text("#sign-in-with-" + TestOidcProvider.NAME)).isEqualTo("使用 " + TestOidcProvider.NAME + " 登录");
        shot("zh", "9-sign-in-with-provider");

        browser.findElement(By.id("sign-in-with-" + TestOidcProvider.NAME)).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/portal/subscriptions") && present("#sign-out"));

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(text("h1")).isEqualTo("我的订阅");
        shot("zh", "11-signed-in-with-provider");
    }

    private void journey(String language, String planChanged, String canceled) throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(base + "/portal/signup");
        if (language.equals("zh")) {
            browser.findElement(By.cssSelector("a[lang='zh-CN']")).click();
            waitFor(() -> text("h1").equals("创建您的账户"));
        }
        shot(language, "1-sign-up");
        browser.findElement(By.id("name")).sendKeys(language.equals("zh") ? "林慧" : "Ada Lovelace");
        browser.findElement(By.id("email")).sendKeys("journey-" + UUID.randomUUID() + "@example.com");
        browser.findElement(By.id("password")).sendKeys("correct-horse-battery");
        browser.findElement(By.id("sign-up")).click();
        waitFor(() -> present("#choose-plan"));
        shot(language, "2-no-subscriptions");

        browser.findElement(By.id("choose-plan")).click();
        waitFor(() -> present("#subscribe-" + basic));
        shot(language, "3-plans");
        browser.findElement(By.id("subscribe-" + basic)).click();
        waitFor(() -> present("#status") && !text("#status").isEmpty() && present("#preview-change"));
        // htmx swaps pages in place, so the subscription's address is read from its own form.
        String action = browser.findElement(By.cssSelector("form[action$='/plan-change/preview']"))
                .getAttribute("action");
        String subscriptionPage = action.substring(0, action.length() - "/plan-change/preview".length());
        waitFor(() -> {
            browser.get(subscriptionPage);
            return "ACTIVE".equals(browser.findElement(By.id("status")).getAttribute("data-status"));
        });
        shot(language, "4-subscribed");

        new Select(browser.findElement(By.id("plan-id"))).selectByValue(plus);
        browser.findElement(By.id("preview-change")).click();
        waitFor(() -> present("#due-now"));
        String dueNow = text("#due-now");
        shot(language, "5-plan-change-preview");
        browser.findElement(By.id("confirm-change")).click();
        waitFor(() -> present("#done") && text("#done").equals(planChanged));

        shot(language, "6-plan-changed");

        // The upgrade's invoice: the row whose total is what the preview said was due now, and that total in its PDF.
        waitFor(() -> {
            browser.get(subscriptionPage);
            return upgradeInvoice(dueNow) != null;
        });
        String pdfText = pdfText(upgradeInvoice(dueNow).findElement(By.cssSelector("a.pdf")).getAttribute("href"));
        // The PDF is in the reader's language, with amounts as the page shows them.
        assertThat(pdfText).contains("Perennial", dueNow)
                .contains(language.equals("zh") ? List.of("发票", "合计") : List.of("Invoice", "Total"));

        new Select(browser.findElement(By.id("cancel-reason"))).selectByValue("too_expensive");
        browser.findElement(By.id("cancel")).click();
        waitFor(() -> present("#done") && text("#done").equals(canceled));
        assertThat(present("#uncancel")).isTrue();
        shot(language, "7-canceled");
    }

    /** Downloads with this browser's session cookie, as the link does, and reads the PDF's text back. */
    private String pdfText(String url) throws Exception {
        String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", cookies).header("Accept", "application/pdf").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/pdf"));
        Files.write(SCREENSHOTS.resolve("invoice.pdf"), pdf.body());
        // PDFBox, as a viewer does, decodes the Chinese font's CMap; OpenPDF's own extractor drops that text.
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(document);
        }
    }

    private WebElement upgradeInvoice(String total) {
        return browser.findElements(By.cssSelector("#invoices tbody tr")).stream()
                .filter(row -> row.findElement(By.cssSelector("td.money")).getText().trim().equals(total))
                .findFirst().orElse(null);
    }

    private boolean present(String css) {
        return !browser.findElements(By.cssSelector(css)).isEmpty();
    }

    private String text(String css) {
        WebElement element = browser.findElement(By.cssSelector(css));
        return element.getText().trim();
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(200)).until(driver -> {
            try {
                return condition.getAsBoolean();
            } catch (org.openqa.selenium.WebDriverException swappedMeanwhile) {
                return false;
            }
        });
    }

    /** A screenshot of the page, and axe-core's audit of it: no serious or critical violation. */
    private void shot(String language, String name) throws IOException {
        Path file = SCREENSHOTS.resolve("portal-" + language + "-" + name + ".png");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(seriousAccessibilityViolations()).as("axe-core on %s (see %s)", browser.getCurrentUrl(), file)
                .isEmpty();
    }

    /**
     * Runs axe-core from its WebJar in the page. WebDriver evaluates the script through the DevTools protocol, which
     * the page's Content-Security-Policy does not govern, so the page itself still allows no inline script.
     */
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
