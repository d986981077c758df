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
 * The portal's retention offer: with a retention coupon configured, cancelling first offers it; accepting applies
 * the coupon instead of cancelling, declining cancels with the reason given. Its own platform, because the coupon
 * is configuration every other portal test runs without.
 */
@PlatformTest(ownPlatform = true, properties = "perennial.portal.retention-coupon=stay25")
class PortalRetentionOfferTest {

    private static final String PASSWORD = "correct-horse-battery";

    private TestPlatform platform;
    private HttpClient http;

    @BeforeAll
    void start() throws MalformedURLException {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        http = HttpClient.create(platform.baseUrl().toURL(), configuration);
        String admin = platform.api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        assertThat(platform.api.post(admin, "/v1/admin/coupons", Map.of("code", "STAY25", "name", "Stay with us",
                "percentOffBasisPoints", 2500, "duration", "REPEATING", "durationPeriods", 3)).code())
                .isEqualTo(201);
    }

    @AfterAll
    void stop() {
        http.close();
    }

    private record Customer(PortalBrowser browser, String token) {
    }

    private Customer signedUp(String language) {
        String email = "portal-" + UUID.randomUUID() + "@example.com";
        PortalBrowser browser = new PortalBrowser(http.toBlocking());
        browser.language = language;
        assertThat(browser.post("/portal/signup", browser.get("/portal/signup"), Map.of(
                "name", "Lin Hui", "email", email, "password", PASSWORD)).status()).isEqualTo(303);
        return new Customer(browser, platform.api.login(email, PASSWORD));
    }

    /** A digital subscription, in its trial. */
    private String activeSubscription(Customer customer) {
        String id = (String) platform.api.post(customer.token(), "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        ApiSession.eventually(() -> platform.api.get(customer.token(), "/v1/subscriptions/" + id),
                view -> "TRIALING".equals(view.get("status")), Duration.ofSeconds(20));
        return id;
    }

    @Test
    void aSubscriberWhoCancelsIsOfferedTheCouponAndAcceptingItAppliesItInsteadOfCancelling() {
        Customer lin = signedUp("en");
        String id = activeSubscription(lin);
        String page = "/portal/subscriptions/" + id;
        PortalBrowser browser = lin.browser();

        PortalBrowser.Page offer = browser.post(page + "/cancel", browser.get(page),
                Map.of("reason", "too_expensive"));

        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.body()).contains("Before you go", "Stay with us and get 25% off your next 3 invoices.",
                "id=\"accept-offer\"", "id=\"decline-offer\"", "name=\"reason\" value=\"too_expensive\"");
        assertThat(platform.api.get(lin.token(), "/v1/subscriptions/" + id))
                .containsEntry("cancelAtPeriodEnd", false).doesNotContainKey("couponCode");
        // Another customer cannot see the offer nor take it.
        PortalBrowser stranger = signedUp("en").browser();
        assertThat(stranger.post(page + "/cancel", stranger.get("/portal/subscriptions"),
                Map.of("reason", "other")).status()).isEqualTo(404);
        assertThat(stranger.post(page + "/retention-offer", stranger.get("/portal/subscriptions"), Map.of())
                .status()).isEqualTo(404);

        PortalBrowser.Page accepted = browser.post(page + "/retention-offer", offer, Map.of());

        assertThat(accepted.status()).isEqualTo(303);
        assertThat(accepted.header("Location")).isEqualTo(page + "?done=offer-accepted");
        assertThat(platform.api.get(lin.token(), "/v1/subscriptions/" + id))
                .containsEntry("couponCode", "STAY25").containsEntry("cancelAtPeriodEnd", false);
        assertThat(browser.get(accepted.header("Location")).body()).contains("Thank you for staying");
        // The offer is made once: with the coupon on, cancelling cancels.
        assertThat(browser.post(page + "/cancel", browser.get(page), Map.of("reason", "other")).status())
                .isEqualTo(303);
        assertThat(platform.api.get(lin.token(), "/v1/subscriptions/" + id)).containsEntry("cancelAtPeriodEnd", true);
    }

    @Test
    void decliningTheOfferCancelsWithTheReasonGivenAndNoCoupon() {
        Customer lin = signedUp("zh-CN,zh;q=0.9");
        String id = activeSubscription(lin);
        String page = "/portal/subscriptions/" + id;
        PortalBrowser browser = lin.browser();
        PortalBrowser.Page offer = browser.post(page + "/cancel", browser.get(page), Map.of("reason", "not_using"));
        assertThat(offer.body()).contains("请留步", "接下来 3 张发票均可享 25% 优惠。");

        PortalBrowser.Page declined = browser.post(page + "/cancel", offer,
                Map.of("reason", "not_using", "offer", "declined"));

        assertThat(declined.status()).isEqualTo(303);
        assertThat(declined.header("Location")).isEqualTo(page + "?done=canceled");
        assertThat(platform.api.get(lin.token(), "/v1/subscriptions/" + id)).containsEntry("cancelAtPeriodEnd", true)
                .containsEntry("cancelReason", "not_using").doesNotContainKey("couponCode");
    }

    /** The offer page in a real browser, audited with axe-core as every other portal page is, in both languages. */
    @Test
    void theOfferPageHasNoSeriousAccessibilityViolationInEnglishOrChinese() throws java.io.IOException {
        try (JourneyBrowser pages = JourneyBrowser.open(PortalBrowserJourneyTest.SCREENSHOTS, "portal", 1280)) {
            org.openqa.selenium.WebDriver browser = pages.driver;
            String base = platform.baseUrl().toString();
            String email = "journey-" + UUID.randomUUID() + "@example.com";
            browser.get(base + "/portal/signup");
            browser.findElement(org.openqa.selenium.By.id("name")).sendKeys("Ada Lovelace");
            browser.findElement(org.openqa.selenium.By.id("email")).sendKeys(email);
            browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(PASSWORD);
            browser.findElement(org.openqa.selenium.By.id("sign-up")).click();
            pages.waitFor(() -> pages.present("#choose-plan"));
            String page = "/portal/subscriptions/" + activeSubscription(new Customer(null,
                    platform.api.login(email, PASSWORD)));

            for (String language : List.of("en", "zh-CN")) {
                browser.get(base + "/portal/language?lang=" + language + "&back=" + page);
                pages.waitFor(() -> pages.present("#cancel"));
                browser.findElement(org.openqa.selenium.By.id("cancel")).click();
                pages.waitFor(() -> pages.present("#accept-offer"));
                pages.shot(language.substring(0, 2), "15-retention-offer");
            }
        }
    }
}
