package io.perennial.acceptance;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless chromium as the browser journeys drive it (as .ci/run installs it), with what every journey
 * does on each page: a screenshot kept under {@code target/} and axe-core's audit, failing on any serious or critical
 * violation. Without a browser the journey is skipped, except on CI, where it fails.
 */
final class JourneyBrowser implements AutoCloseable {

    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    final WebDriver driver;
    private final Path screenshots;
    private final String prefix;
    private String axe;

    private JourneyBrowser(WebDriver driver, Path screenshots, String prefix) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.prefix = prefix;
    }

    /** A browser window {@code width} pixels wide whose screenshots are {@code screenshots/prefix-…png}. */
    static JourneyBrowser open(Path screenshots, String prefix, int width) throws IOException {
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
                "--window-size=" + width + ",1000", "--lang=en-US");
        WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build(), options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Files.createDirectories(screenshots);
        return new JourneyBrowser(driver, screenshots, prefix);
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** A screenshot of the page, and axe-core's audit of it: no serious or critical violation. */
    void shot(String language, String name) {
        Path file = screenshots.resolve(prefix + "-" + language + "-" + name + ".png");
        try {
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(seriousAccessibilityViolations()).as("axe-core on %s (see %s)", driver.getCurrentUrl(), file)
                .isEmpty();
    }

    /** axe-core's audit of a page the journey does not keep a picture of. */
    void audit() {
        assertThat(seriousAccessibilityViolations()).as("axe-core on %s", driver.getCurrentUrl()).isEmpty();
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().trim();
    }

    /** Waits up to 30 s; an element htmx swapped out while it was read counts as not yet. */
    void waitFor(BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(200)).until(ignored -> {
            try {
                return condition.getAsBoolean();
            } catch (WebDriverException swappedMeanwhile) {
                return false;
            }
        });
    }

    /**
     * Runs axe-core from its WebJar in the page. WebDriver evaluates the script through the DevTools protocol, which
     * the page's Content-Security-Policy does not govern, so the page itself still allows no inline script.
     */
    @SuppressWarnings("unchecked")
    private List<String> seriousAccessibilityViolations() {
        if (axe == null) {
            try (InputStream in = getClass().getResourceAsStream(AXE)) {
                axe = new String(Objects.requireNonNull(in, AXE).readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JavascriptExecutor page = (JavascriptExecutor) driver;
        page.executeScript(axe);
        return (List<String>) page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(result => done(result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))));
                """);
    }
}
