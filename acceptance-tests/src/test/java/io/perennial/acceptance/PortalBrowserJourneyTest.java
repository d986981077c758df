package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private TestPlatform platform;
    private WebDriver browser;
    private JourneyBrowser pages;
    private String basic;
    private String plus;
    private String boxPlan;
    private String support;
    private String base;

    @BeforeAll
    void start() throws IOException {
        pages = JourneyBrowser.open(SCREENSHOTS, "portal", 1280);
        browser = pages.driver;
        base = platform.baseUrl().toString();
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
        support = "journal-support-" + suffix;
        platform.api.post(admin, "/v1/admin/add-ons", Map.of("code", support, "name", "Priority support",
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 500)), "planIds", List.of(basic, boxPlan)));
    }

    @AfterAll
    void stop() {
        if (pages != null) {
            pages.close();
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
        assertThat(pages.text("h1")).startsWith("订阅");
    }

    @Test
    void aCustomerSignsInThroughTheOpenIdConnectProviderAndDeletesTheAccount() throws Exception {
        browser.manage().deleteAllCookies();
        TestOidcProvider.nextSignIn("subject-" + UUID.randomUUID(), "journey-" + UUID.randomUUID() + "@example.com",
                true);
        browser.get(base + "/portal/password/forgot");
        pages.shot("en", "8-forgot-password");
        browser.get(base + "/portal/password/reset?token=not-a-real-token");
        pages.audit();
        browser.get(base + "/portal/signin");
        pages.shot("en", "9-sign-in-with-provider");

        browser.findElement(By.id("sign-in-with-" + TestOidcProvider.NAME)).click();
        pages.waitFor(() -> browser.getCurrentUrl().endsWith("/portal/subscriptions") && pages.present("#sign-out"));
        browser.get(base + "/portal/account/delete");
        pages.shot("en", "10-delete-account");
        browser.findElement(By.id("confirm")).click();
        browser.findElement(By.id("delete-account")).click();
        pages.waitFor(() -> pages.present("#done"));

        assertThat(pages.text("#done")).isEqualTo("Your account was deleted.");
        assertThat(pages.present("#sign-out")).isFalse();
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
        pages.waitFor(() -> pages.present("#choose-plan"));

        browser.get(base + "/portal/payment-methods");
        new Select(browser.findElement(By.id("new-card"))).selectByValue("pm_card_mastercard");
        browser.findElement(By.id("card-label")).sendKeys("Travel card");
        browser.findElement(By.id("add-card")).click();
        pages.waitFor(() -> pages.present("#done") && pages.present("#cards"));
        assertThat(pages.text("#cards")).contains("Travel card");
        pages.shot("en", "11-payment-methods");

        // A box plan subscribed through the API by the same customer; its page has the box's forms.
        String token = platform.api.login(email, "correct-horse-battery");
        String id = (String) platform.api.post(token, "/v1/subscriptions", Map.of("planId", boxPlan,
                "paymentMethod", "pm_card_visa", "shippingAddress", Map.of("recipient", "Ada Lovelace",
                        "line1", "Keizersgracht 1", "city", "Amsterdam", "postalCode", "1015 AB",
                        "countryCode", "NL"), "addOns", List.of(Map.of("code", support)))).body().get("id");
        pages.waitFor(() -> {
            browser.get(base + "/portal/subscriptions/" + id);
            return pages.present("#delay-box") && pages.present("input[name='period'][value='2']");
        });
        pages.shot("en", "12-box-subscription");
        browser.findElement(By.id("delay-days")).clear();
        browser.findElement(By.id("delay-days")).sendKeys("5");
        browser.findElement(By.id("delay-box")).click();
        pages.waitFor(() -> pages.present("#done") && pages.text("#done").equals("The next box is delayed."));
        assertThat(browser.findElement(By.id("next-box")).getAttribute("data-delayed")).isEqualTo("true");

        // Removing the add-on is a decrease: previewed as applying at the period end, then confirmed.
        browser.findElement(By.id("remove-" + support)).click();
        pages.waitFor(() -> pages.present("#confirm-items"));
        assertThat(pages.present("#at-period-end")).isTrue();
        pages.shot("en", "14-add-on-removal-preview");
        browser.findElement(By.id("confirm-items")).click();
        pages.waitFor(() -> pages.present("#done") && pages.present("#scheduled-items"));
        pages.audit();

        // The box's order and its tracking page.
        pages.waitFor(() -> {
            browser.get(base + "/portal/orders");
            return pages.present("main table a");
        });
        pages.audit();
        browser.findElement(By.cssSelector("main table a")).click();
        pages.waitFor(() -> !browser.getCurrentUrl().endsWith("/portal/orders"));
        pages.audit();

        // A payment the bank asks the subscriber to authenticate, confirmed from the subscription's page.
        String waiting = (String) platform.api.post(token, "/v1/subscriptions", Map.of("planId", basic,
                "paymentMethod", "pm_card_authenticationRequired")).body().get("id");
        pages.waitFor(() -> {
            browser.get(base + "/portal/subscriptions/" + waiting);
            return pages.present("#approve-payment");
        });
        pages.shot("en", "16-payment-action");
        browser.findElement(By.id("approve-payment")).click();
        pages.waitFor(() -> pages.present("#done"));
        pages.audit();
        // The answer reaches the workflow in a moment; the page no longer asks once it has.
        pages.waitFor(() -> {
            browser.get(base + "/portal/subscriptions/" + waiting);
            return pages.present("#status") && !pages.present("#payment-action");
        });

        // Points and credit on the account page; what the trained model recommends above the plans.
        browser.get(base + "/portal/account");
        pages.waitFor(() -> pages.present("#points"));
        pages.audit();
        // Someone else took both journal plans, so the model pairs them: this subscriber of basic is offered plus.
        String other = platform.api.newCustomer();
        for (String plan : List.of(basic, plus)) {
            platform.api.post(other, "/v1/subscriptions", Map.of("planId", plan, "paymentMethod", "pm_card_visa"));
        }
        String ops = platform.api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        assertThat(platform.api.post(ops, "/v1/ops/recommendations/refresh", Map.of()).code()).isEqualTo(200);
        browser.get(base + "/portal/plans");
        pages.waitFor(() -> pages.present("#recommended"));
        pages.shot("en", "17-recommended");

        // An invoice sent to be paid by transfer says how.
        String sent = (String) platform.api.post(token, "/v1/subscriptions", Map.of("planId", plus,
                "paymentMethod", "pm_card_visa", "collectionMethod", "SEND_INVOICE", "daysUntilDue", 14))
                .body().get("id");
        pages.waitFor(() -> {
            List<Map<String, Object>> invoices = platform.api.list(token, "/v1/subscriptions/" + sent + "/invoices");
            if (invoices.isEmpty()) {
                return false;
            }
            browser.get(base + "/portal/invoices/" + invoices.get(0).get("id"));
            return pages.present("#pay-by-transfer");
        });
        pages.shot("en", "18-pay-by-transfer");

        // Or with Alipay: the provider's page (the simulated provider's, here), Approve, and back to the invoice,
        // paid once the provider's confirmation arrived.
        browser.findElement(By.id("pay-alipay")).click();
        pages.waitFor(() -> pages.present("#approve"));
        assertThat(browser.getCurrentUrl()).contains("/provider/redirects/rs_sim_");
        pages.shot("en", "19-alipay-provider-page");
        browser.findElement(By.id("approve")).click();
        pages.waitFor(() -> {
            browser.navigate().refresh();
            return browser.getCurrentUrl().contains("/portal/invoices/") && !pages.present("#pay-by-transfer");
        });
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Pay with Alipay");
    }

    @Test
    void aChineseCustomerSignsInThroughTheOpenIdConnectProviderInSimplifiedChinese() throws Exception {
        browser.manage().deleteAllCookies();
        TestOidcProvider.nextSignIn("subject-" + UUID.randomUUID(), "journey-" + UUID.randomUUID() + "@example.com",
                true);
        browser.get(base + "/portal/signin");
        browser.findElement(By.cssSelector("a[lang='zh-CN']")).click();
        pages.waitFor(() -> pages.text("h1").equals("登录"));
        assertThat(pages.text("#sign-in-with-" + TestOidcProvider.NAME)).isEqualTo("使用 " + TestOidcProvider.NAME + " 登录");
        pages.shot("zh", "9-sign-in-with-provider");

        browser.findElement(By.id("sign-in-with-" + TestOidcProvider.NAME)).click();
        pages.waitFor(() -> browser.getCurrentUrl().endsWith("/portal/subscriptions") && pages.present("#sign-out"));

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(pages.text("h1")).isEqualTo("我的订阅");
        pages.shot("zh", "11-signed-in-with-provider");
    }

    private void journey(String language, String planChanged, String canceled) throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(base + "/portal/signup");
        if (language.equals("zh")) {
            browser.findElement(By.cssSelector("a[lang='zh-CN']")).click();
            pages.waitFor(() -> pages.text("h1").equals("创建您的账户"));
        }
        pages.shot(language, "1-sign-up");
        browser.findElement(By.id("name")).sendKeys(language.equals("zh") ? "林慧" : "Ada Lovelace");
        browser.findElement(By.id("email")).sendKeys("journey-" + UUID.randomUUID() + "@example.com");
        browser.findElement(By.id("password")).sendKeys("correct-horse-battery");
        browser.findElement(By.id("sign-up")).click();
        pages.waitFor(() -> pages.present("#choose-plan"));
        pages.shot(language, "2-no-subscriptions");

        browser.findElement(By.id("choose-plan")).click();
        pages.waitFor(() -> pages.present("#subscribe-" + basic));
        pages.shot(language, "3-plans");
        browser.findElement(By.id("subscribe-" + basic)).click();
        pages.waitFor(() -> pages.present("#status") && !pages.text("#status").isEmpty() && pages.present("#preview-change"));
        // htmx swaps pages in place, so the subscription's address is read from its own form.
        String action = browser.findElement(By.cssSelector("form[action$='/plan-change/preview']"))
                .getAttribute("action");
        String subscriptionPage = action.substring(0, action.length() - "/plan-change/preview".length());
        pages.waitFor(() -> {
            browser.get(subscriptionPage);
            return "ACTIVE".equals(browser.findElement(By.id("status")).getAttribute("data-status"));
        });
        pages.shot(language, "4-subscribed");

        // More seats, previewed with the API's numbers and left as they are (the upgrade below is priced for one).
        browser.findElement(By.id("seats")).clear();
        browser.findElement(By.id("seats")).sendKeys("3");
        browser.findElement(By.id("preview-seats")).click();
        pages.waitFor(() -> pages.present("#confirm-items"));
        pages.shot(language, "13-seats-preview");
        browser.get(subscriptionPage);
        pages.waitFor(() -> pages.present("#plan-id"));

        new Select(browser.findElement(By.id("plan-id"))).selectByValue(plus);
        browser.findElement(By.id("preview-change")).click();
        pages.waitFor(() -> pages.present("#due-now"));
        String dueNow = pages.text("#due-now");
        pages.shot(language, "5-plan-change-preview");
        browser.findElement(By.id("confirm-change")).click();
        pages.waitFor(() -> pages.present("#done") && pages.text("#done").equals(planChanged));

        pages.shot(language, "6-plan-changed");

        // The upgrade's invoice: the row whose total is what the preview said was due now, and that total in its PDF.
        pages.waitFor(() -> {
            browser.get(subscriptionPage);
            return upgradeInvoice(dueNow) != null;
        });
        String pdfText = pdfText(upgradeInvoice(dueNow).findElement(By.cssSelector("a.pdf")).getAttribute("href"));
        // The PDF is in the reader's language, with amounts as the page shows them.
        assertThat(pdfText).contains("Perennial", dueNow)
                .contains(language.equals("zh") ? List.of("发票", "合计") : List.of("Invoice", "Total"));

        // The other pages of a subscriber, audited on the way: the invoice, the lists, the account, a 404.
        upgradeInvoice(dueNow).findElement(By.cssSelector("a")).click();
        pages.waitFor(() -> pages.present("#download-pdf"));
        pages.audit();
        for (String page : List.of("/portal/invoices", "/portal/orders", "/portal/account",
                "/portal/subscriptions/" + UUID.randomUUID())) {
            browser.get(base + page);
            pages.waitFor(() -> pages.present("h1"));
            pages.audit();
        }
        browser.get(subscriptionPage);
        new Select(browser.findElement(By.id("cancel-reason"))).selectByValue("too_expensive");
        browser.findElement(By.id("cancel")).click();
        pages.waitFor(() -> pages.present("#done") && pages.text("#done").equals(canceled));
        assertThat(pages.present("#uncancel")).isTrue();
        pages.shot(language, "7-canceled");
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
}
