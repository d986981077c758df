package io.perennial.acceptance;

import io.micronaut.http.HttpResponse;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Temporal Web UI as the ops console, in a real browser (Debian's headless chromium, driven by chromedriver):
 * an ops person signs in to the codec, finds a customer's subscription by its {@code CustomerId} search attribute,
 * and sees its workflow id and its summary, which Temporal holds encrypted and the UI shows through the codec.
 * Screenshots are kept in {@code acceptance-tests/target/ui-screenshots/}.
 */
@NeedsTemporalCli(browser = true)
@PlatformTest(ownPlatform = true, temporal = PlatformTest.Temporal.DEV_SERVER_WITH_UI)
class RealTemporalUiTest {

    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    private TemporalDevServer temporal;
    private TestPlatform platform;
    private WebDriver browser;
    private String ui;
    private String api;

    @BeforeAll
    void start() throws Exception {
        Browser found = Browser.find();
        ui = "http://localhost:" + temporal.uiPort;
        api = platform.baseUrl().toString();
        browser = found.start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void opsFindASubscriptionByCustomerIdInTheTemporalUiAndReadItsDecryptedSummary() throws Exception {
        ApiSession session = platform.api;
        String token = session.newCustomer();
        String customerId = (String) session.get(token, "/v1/customers/me").get("customerId");
        HttpResponse<Map<String, Object>> created = session.post(token, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));
        assertThat(created.code()).isEqualTo(201);
        String workflowId = "subscription-" + created.body().get("id");
        String summary = "Digital monthly · customer " + customerId;
        String byCustomer = "CustomerId = '" + customerId + "'";
        ApiSession.eventually(() -> temporal.listWorkflows(byCustomer), found -> found.size() == 1,
                Duration.ofSeconds(30));

        // 1. Sign in to the codec: the API sets its session cookie in this browser.
        browser.get(api + "/v1/ops/codec/session");
        browser.findElement(By.id("email")).sendKeys(DemoAccounts.OPS_EMAIL);
        browser.findElement(By.id("password")).sendKeys(DemoAccounts.OPS_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitFor(Duration.ofSeconds(10), () -> browser.getPageSource().contains("id=\"signed-in\""));

        // 2. The UI's Codec Server settings, as an ops person sets them once: endpoint, include credentials.
        browser.get(ui + "/namespaces/default/workflows");
        ((JavascriptExecutor) browser).executeScript("""
                localStorage.setItem('endpoint', JSON.stringify(arguments[0]));
                localStorage.setItem('includeCredentials', 'true');
                localStorage.setItem('passAccessToken', 'false');
                localStorage.setItem('overrideRemoteCodecConfiguration', 'true');""", api + "/v1/ops/codec");

        // 3. Find the customer's subscription with a visibility query on the CustomerId search attribute.
        browser.get(ui + "/namespaces/default/workflows?query="
                + URLEncoder.encode(byCustomer, StandardCharsets.UTF_8).replace("+", "%20"));
        waitFor(Duration.ofSeconds(30), () -> browser.getPageSource().contains(workflowId));
        screenshot("workflows-by-customer-id.png");
        assertThat(browser.getPageSource()).contains(workflowId);

        // 4. Open it: Temporal holds its input and summary encrypted; the UI shows them through the codec.
        browser.findElement(By.partialLinkText(workflowId)).click();
        boolean inputDecoded = waitFor(Duration.ofSeconds(30), () -> visibleText().contains("plan_digital_monthly"));
        screenshot("subscription-workflow.png");
        assertThat(inputDecoded).as("decrypted input on the workflow page (see %s)", SCREENSHOTS.toAbsolutePath())
                .isTrue();
        assertThat(visibleText()).contains(workflowId);

        browser.findElement(By.xpath("//*[normalize-space(text())='User Metadata']")).click();
        boolean summaryShown = waitFor(Duration.ofSeconds(20), () -> visibleText().contains(summary));
        screenshot("subscription-user-metadata.png");
        assertThat(summaryShown).as("summary '%s' in User Metadata (see %s)", summary, SCREENSHOTS.toAbsolutePath())
                .isTrue();
    }

    /**
     * What a person sees: the text of displayed elements only, not the page's hidden markup, including the frames
     * the UI renders user metadata (Markdown) in.
     */
    private String visibleText() {
        StringBuilder text = new StringBuilder(browser.findElement(By.tagName("body")).getText());
        for (org.openqa.selenium.WebElement frame : browser.findElements(By.tagName("iframe"))) {
            if (!frame.isDisplayed()) {
                continue;
            }
            try {
                browser.switchTo().frame(frame);
                text.append('\n').append(browser.findElement(By.tagName("body")).getText());
            } catch (org.openqa.selenium.WebDriverException goneMeanwhile) {
                // The UI re-rendered the frame; the next poll reads the new one.
            } finally {
                browser.switchTo().defaultContent();
            }
        }
        return text.toString();
    }

    private boolean waitFor(Duration within, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(browser, within, Duration.ofMillis(250)).until(driver -> condition.getAsBoolean());
            return true;
        } catch (org.openqa.selenium.TimeoutException notInTime) {
            return false;
        }
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Debian's chromium and the chromedriver of the same version; .ci/run installs both. */
    private record Browser(Path chromium, Path chromedriver) {

        /** {@link NeedsTemporalCli}{@code (browser = true)} has checked that both are there. */
        static Browser find() {
            Path chromium = RealTemporalPrerequisites.onPath("chromium", "chromium-browser", "google-chrome").orElseThrow();
            return new Browser(chromium, RealTemporalPrerequisites.onPath("chromedriver").orElseThrow());
        }

        WebDriver start() {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1600,1000");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .build();
            return new ChromeDriver(service, options);
        }
    }
}
