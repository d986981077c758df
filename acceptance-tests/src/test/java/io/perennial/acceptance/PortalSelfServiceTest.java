package io.perennial.acceptance;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
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
 * The portal's self-service forms beyond the subscription basics (saved cards, a subscription's card, a box's
 * address and delay): each changes what the JSON API then shows, and refuses another customer's things with 404.
 */
@PlatformTest
class PortalSelfServiceTest {

    private static final String PASSWORD = "correct-horse-battery";

    private static final Map<String, Object> AMSTERDAM = Map.of("recipient", "Lin Hui", "line1", "Keizersgracht 1",
            "city", "Amsterdam", "postalCode", "1015 AB", "countryCode", "NL");

    private TestPlatform platform;
    private HttpClient http;
    private String boxPlanId;
    private String teamPlanId;
    private String support;
    /** 20 % off for ever, on the team plan's subscribers who redeem it. */
    private String teamCoupon;

    @BeforeAll
    void start() throws MalformedURLException {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        http = HttpClient.create(platform.baseUrl().toURL(), configuration);
        String admin = platform.api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        platform.api.post(admin, "/v1/admin/products", Map.of("id", "herbs-" + suffix, "name", "Herb box",
                "kind", "PHYSICAL"));
        boxPlanId = "plan_herbs_" + suffix;
        platform.api.post(admin, "/v1/admin/plans", Map.of("id", boxPlanId, "productId", "herbs-" + suffix,
                "name", "Herbs, every month", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 1500)),
                "box", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1))));
        teamPlanId = "plan_team_" + suffix;
        platform.api.post(admin, "/v1/admin/products", Map.of("id", "team-" + suffix, "name", "Team workspace",
                "kind", "DIGITAL"));
        platform.api.post(admin, "/v1/admin/plans", Map.of("id", teamPlanId, "productId", "team-" + suffix,
                "name", "Team", "interval", Map.of("unit", "DAY", "count", 30),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 1299))));
        support = "support-" + suffix;
        platform.api.post(admin, "/v1/admin/add-ons", Map.of("code", support, "name", "Priority support",
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 500)), "planIds", List.of(teamPlanId)));
        teamCoupon = "TEAM20-" + suffix.toUpperCase();
        platform.api.post(admin, "/v1/admin/coupons", Map.of("code", teamCoupon, "name", "Team, 20% off",
                "percentOffBasisPoints", 2000, "duration", "FOREVER"));
    }

    /** Minor units of euros as the English pages write them. */
    private static String euros(Object minor) {
        long cents = ((Number) minor).longValue();
        return String.format("€%d.%02d", cents / 100, cents % 100);
    }

    /** A box plan subscribed through the API, once its first period is billed (the next box is the second's). */
    @SuppressWarnings("unchecked")
    private String boxSubscription(Customer customer) {
        String id = (String) platform.api.post(customer.token(), "/v1/subscriptions", Map.of("planId", boxPlanId,
                "paymentMethod", "pm_card_visa", "shippingAddress", AMSTERDAM)).body().get("id");
        ApiSession.eventually(() -> platform.api.get(customer.token(), "/v1/subscriptions/" + id),
                view -> view.get("nextBox") != null
                        && Integer.valueOf(2).equals(((Map<String, Object>) view.get("nextBox")).get("period")),
                Duration.ofSeconds(20));
        return id;
    }

    @AfterAll
    void stop() {
        http.close();
    }

    /** A signed-up customer: the portal browser and the same customer's API token. */
    private record Customer(PortalBrowser browser, String token) {
    }

    private Customer signedUp(String language) {
        String email = "portal-" + UUID.randomUUID() + "@example.com";
        PortalBrowser browser = new PortalBrowser(http.toBlocking());
        browser.language = language;
        PortalBrowser.Page signedUp = browser.post("/portal/signup", browser.get("/portal/signup"), Map.of(
                "name", "Lin Hui", "email", email, "password", PASSWORD));
        assertThat(signedUp.status()).isEqualTo(303);
        return new Customer(browser, platform.api.login(email, PASSWORD));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> savedCards(String token) {
        return (List<Map<String, Object>>) platform.api.get(token, "/v1/payment-methods").get("items");
    }

    @Test
    void aSubscriberSavesCardsMakesOneTheDefaultAndRemovesOneAsTheApiThenShows() {
        Customer lin = signedUp("en");
        PortalBrowser browser = lin.browser();
        String page = "/portal/payment-methods";
        assertThat(browser.get(page).body()).contains("No saved payment methods yet.");

        assertThat(browser.post(page, browser.get(page), Map.of("card", "pm_card_visa", "label", "Groceries"))
                .status()).isEqualTo(303);
        assertThat(browser.post(page, browser.get(page), Map.of("card", "pm_card_mastercard")).status())
                .isEqualTo(303);
        List<Map<String, Object>> saved = savedCards(lin.token());
        assertThat(saved).extracting(card -> card.get("label")).containsExactly("Mastercard test card", "Groceries");
        assertThat(saved).allSatisfy(card -> assertThat(card).containsEntry("isDefault", false));
        String groceries = (String) saved.get(1).get("id");
        String mastercard = (String) saved.get(0).get("id");

        assertThat(browser.post(page + "/" + groceries + "/default", browser.get(page), Map.of()).status())
                .isEqualTo(303);
        assertThat(savedCards(lin.token())).first().satisfies(card -> assertThat(card)
                .containsEntry("id", groceries).containsEntry("isDefault", true));
        assertThat(browser.get(page + "?done=card-default").body()).contains("That card is now your default.",
                "id=\"card-" + groceries + "\" data-default=\"true\"");
        // The plans page offers the saved cards, the default first (so chosen unless the subscriber picks another).
        assertThat(browser.get("/portal/plans").body()).containsPattern(
                "name=\"paymentMethod\">\\s*<option value=\"" + groceries + "\">Groceries</option>");

        assertThat(browser.post(page + "/" + mastercard + "/remove", browser.get(page), Map.of()).status())
                .isEqualTo(303);
        assertThat(savedCards(lin.token())).extracting(card -> card.get("id")).containsExactly(groceries);

        // Another customer's card is not found through the portal either, and stays; a form without its token is
        // refused before anything happens.
        PortalBrowser stranger = signedUp("en").browser();
        assertThat(stranger.post(page + "/" + groceries + "/remove", stranger.get(page), Map.of()).status())
                .isEqualTo(404);
        assertThat(browser.post(page + "/" + groceries + "/remove", null, Map.of("csrfToken", "")).status()).isEqualTo(403);
        assertThat(savedCards(lin.token())).extracting(card -> card.get("id")).containsExactly(groceries);
        PortalBrowser.Page unknownCard = browser.post(page, browser.get(page), Map.of("card", "pm_card_stolen"));
        assertThat(unknownCard.status()).isEqualTo(400);
        assertThat(unknownCard.body()).contains("choose one of the cards offered");
    }

    @Test
    void theSavedCardsPageIsInChinese() {
        PortalBrowser browser = signedUp("zh-CN,zh;q=0.9").browser();
        assertThat(browser.post("/portal/payment-methods", browser.get("/portal/payment-methods"),
                Map.of("card", "pm_card_visa")).status()).isEqualTo(303);

        assertThat(browser.get("/portal/payment-methods?done=card-added").body())
                .contains("支付方式", "银行卡已保存。", "Visa 测试卡", "设为默认").doesNotContain("Make default");
    }

    @Test
    void aPastDueSubscriberChargesASavedCardFromTheSubscriptionsPageAndTheApiShowsItRecovered() {
        Customer lin = signedUp("en");
        PortalBrowser browser = lin.browser();
        String id = (String) platform.api.post(lin.token(), "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_declined")).body().get("id");
        String api = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> platform.api.get(lin.token(), api),
                view -> "PAST_DUE".equals(view.get("status")), Duration.ofSeconds(20));
        browser.post("/portal/payment-methods", browser.get("/portal/payment-methods"),
                Map.of("card", "pm_card_visa", "label", "New Visa"));
        String saved = (String) savedCards(lin.token()).get(0).get("id");
        String page = "/portal/subscriptions/" + id;
        String shown = ApiSession.eventually(() -> browser.get(page).body(),
                body -> body.contains("id=\"card-past-due\""), Duration.ofSeconds(20));
        assertThat(shown).contains("<option value=\"" + saved + "\">New Visa</option>");

        // A stranger cannot change it, nor can the owner name a card that is not theirs.
        PortalBrowser stranger = signedUp("en").browser();
        assertThat(stranger.post(page + "/payment-method", stranger.get("/portal/subscriptions"),
                Map.of("paymentMethod", "pm_card_visa")).status()).isEqualTo(404);
        PortalBrowser.Page borrowed = browser.post(page + "/payment-method", browser.get(page),
                Map.of("paymentMethod", "pm_saved_0123456789abcdef0123456789abcdef"));
        assertThat(borrowed.status()).isEqualTo(422);
        assertThat(borrowed.body()).contains("no saved payment method");
        assertThat(platform.api.get(lin.token(), api)).containsEntry("status", "PAST_DUE");

        PortalBrowser.Page changed = browser.post(page + "/payment-method", browser.get(page),
                Map.of("paymentMethod", saved));

        assertThat(changed.status()).isEqualTo(303);
        assertThat(changed.header("Location")).isEqualTo(page + "?done=card-changed");
        ApiSession.eventually(() -> platform.api.get(lin.token(), api),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(platform.api.list(lin.token(), api + "/payments")).extracting(payment -> payment.get("status"))
                .containsExactly("DECLINED", "SUCCEEDED");
        assertThat(browser.get(changed.header("Location")).body())
                .contains("The subscription charges the card you chose from now on.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBoxSubscriberChangesTheShippingAddressAndTheApiShowsTheNewOne() {
        Customer lin = signedUp("en");
        String id = boxSubscription(lin);
        String page = "/portal/subscriptions/" + id;
        PortalBrowser browser = lin.browser();
        assertThat(browser.get(page).body()).contains("Keizersgracht 1", "id=\"change-address\"");
        Map<String, String> utrecht = Map.of("recipient", "Lin Hui", "line1", "Oudegracht 12", "line2", "",
                "city", "Utrecht", "postalCode", "3511 AB", "countryCode", "nl");

        PortalBrowser.Page noCity = browser.post(page + "/shipping-address", browser.get(page),
                Map.of("recipient", "Lin Hui", "line1", "Oudegracht 12", "city", " ", "postalCode", "3511 AB",
                        "countryCode", "NL"));
        PortalBrowser strangerBrowser = signedUp("en").browser();
        PortalBrowser.Page theirs = strangerBrowser.post(page + "/shipping-address",
                strangerBrowser.get("/portal/subscriptions"), utrecht);
        PortalBrowser.Page changed = browser.post(page + "/shipping-address", browser.get(page), utrecht);

        assertThat(noCity.status()).isEqualTo(400);
        assertThat(noCity.body()).contains("role=\"alert\"");
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(changed.status()).isEqualTo(303);
        assertThat((Map<String, Object>) platform.api.get(lin.token(), "/v1/subscriptions/" + id)
                .get("shippingAddress")).containsEntry("line1", "Oudegracht 12").containsEntry("city", "Utrecht")
                .containsEntry("countryCode", "NL");
        assertThat(browser.get(page + "?done=address-changed").body())
                .contains("The shipping address was changed.", "Oudegracht 12");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBoxSubscriberDelaysTheNextBoxByDaysWithinOnePeriodAsTheApiThenShows() {
        Customer lin = signedUp("en");
        String id = boxSubscription(lin);
        String page = "/portal/subscriptions/" + id;
        PortalBrowser browser = lin.browser();
        Map<String, Object> before = (Map<String, Object>) platform.api.get(lin.token(), "/v1/subscriptions/" + id)
                .get("nextBox");
        String period = String.valueOf(before.get("period"));
        assertThat(browser.get(page).body()).contains("id=\"delay-box\"", "name=\"period\" value=\"" + period);

        PortalBrowser.Page tooLate = browser.post(page + "/next-box/delay", browser.get(page),
                Map.of("days", "40", "period", period));
        PortalBrowser.Page notANumber = browser.post(page + "/next-box/delay", browser.get(page),
                Map.of("days", "a week", "period", period));
        PortalBrowser strangerBrowser = signedUp("en").browser();
        PortalBrowser.Page theirs = strangerBrowser.post(page + "/next-box/delay",
                strangerBrowser.get("/portal/subscriptions"), Map.of("days", "3", "period", period));
        assertThat(tooLate.status()).isEqualTo(422);
        assertThat(tooLate.body()).contains("at most one period later");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat((Map<String, Object>) platform.api.get(lin.token(), "/v1/subscriptions/" + id).get("nextBox"))
                .containsEntry("delayed", false);

        PortalBrowser.Page delayed = browser.post(page + "/next-box/delay", browser.get(page),
                Map.of("days", "3", "period", period));

        assertThat(delayed.status()).isEqualTo(303);
        Map<String, Object> after = (Map<String, Object>) platform.api.get(lin.token(), "/v1/subscriptions/" + id)
                .get("nextBox");
        assertThat(after).containsEntry("delayed", true).containsEntry("period", before.get("period"));
        assertThat(java.time.Instant.parse((String) after.get("startsAt")))
                .isEqualTo(java.time.Instant.parse((String) before.get("startsAt")).plus(Duration.ofDays(3)));
        assertThat(browser.get(page + "?done=box-delayed").body()).contains("The next box is delayed.",
                "data-delayed=\"true\"", "(delayed)").doesNotContain("id=\"delay-box\"", "id=\"skip-box\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSubscriberPreviewsThenBuysSeatsAndAnAddOnAndARemovalWaitsForThePeriodEndAsTheApiShows() {
        Customer lin = signedUp("en");
        PortalBrowser browser = lin.browser();
        String id = (String) platform.api.post(lin.token(), "/v1/subscriptions", Map.of("planId", teamPlanId,
                "paymentMethod", "pm_card_visa", "quantity", 3)).body().get("id");
        String api = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> platform.api.list(lin.token(), api + "/invoices"),
                found -> found.size() == 1 && "PAID".equals(found.get(0).get("status")), Duration.ofSeconds(20));
        String page = "/portal/subscriptions/" + id;
        assertThat(browser.get(page).body()).contains("id=\"quantity\">3<", "id=\"no-add-ons\"",
                "<option value=\"" + support + "\">Priority support (€5.00)</option>");

        // The preview page shows the API's own numbers and changes nothing.
        Map<String, Object> quote = platform.api.post(lin.token(), api + "/items/preview", Map.of("quantity", 5))
                .body();
        PortalBrowser.Page preview = browser.post(page + "/items/preview", browser.get(page),
                Map.of("quantity", "5"));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("Seats: 3 → 5", "data-timing=\"IMMEDIATELY\"",
                "id=\"credit\">" + euros(quote.get("creditMinor")), "id=\"charge\">" + euros(quote.get("chargeMinor")),
                "id=\"due-now\" class=\"strong\">" + euros(quote.get("amountDueNowMinor")))
                .doesNotContain("id=\"discount\"");
        assertThat(platform.api.get(lin.token(), api)).containsEntry("quantity", 3);
        PortalBrowser stranger = signedUp("en").browser();
        assertThat(stranger.post(page + "/items/preview", stranger.get("/portal/subscriptions"),
                Map.of("quantity", "5")).status()).isEqualTo(404);
        assertThat(stranger.post(page + "/items", stranger.get("/portal/subscriptions"),
                Map.of("quantity", "5")).status()).isEqualTo(404);
        assertThat(browser.post(page + "/items/preview", browser.get(page), Map.of("quantity", "0")).status())
                .isEqualTo(400);

        PortalBrowser.Page seats = browser.post(page + "/items", preview, Map.of("quantity", "5"));
        assertThat(seats.header("Location")).isEqualTo(page + "?done=items-changed");
        assertThat(platform.api.get(lin.token(), api + "?consistency=strong")).containsEntry("quantity", 5);
        PortalBrowser.Page addOn = browser.post(page + "/items", browser.get(page),
                Map.of("addOn", support, "addOnQuantity", "1"));
        assertThat(addOn.status()).isEqualTo(303);
        assertThat((List<Map<String, Object>>) platform.api.get(lin.token(), api + "?consistency=strong")
                .get("addOns")).extracting(item -> item.get("code")).containsExactly(support);
        assertThat(browser.get(page + "?done=items-changed").body()).contains(
                "Your seats and add-ons were changed.", "id=\"quantity\">5<", "id=\"add-on-" + support + "\"",
                "id=\"remove-" + support + "\"");

        // Removing it is a decrease: it applies at the period end, charges nothing now, and the page says so.
        PortalBrowser.Page removal = browser.post(page + "/items/preview", browser.get(page),
                Map.of("addOn", support, "addOnQuantity", "0"));
        assertThat(removal.body()).contains("Priority support: 1 → 0", "id=\"at-period-end\"",
                "data-timing=\"AT_PERIOD_END\"", "id=\"due-now\" class=\"strong\">€0.00");
        assertThat(browser.post(page + "/items", removal, Map.of("addOn", support, "addOnQuantity", "0"))
                .status()).isEqualTo(303);
        assertThat((Map<String, Object>) platform.api.get(lin.token(), api).get("scheduledItems"))
                .containsEntry("quantity", 5).containsEntry("addOns", List.of());
        assertThat(browser.get(page).body()).contains("id=\"scheduled-items\"><span>5 seats</span>");
    }

    @Test
    void aCouponedSubscribersSeatsPreviewShowsTheCouponsDiscountAsTheApiQuotesIt() {
        Customer lin = signedUp("en");
        String id = (String) platform.api.post(lin.token(), "/v1/subscriptions", Map.of("planId", teamPlanId,
                "paymentMethod", "pm_card_visa", "couponCode", teamCoupon)).body().get("id");
        String api = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> platform.api.list(lin.token(), api + "/invoices"),
                found -> found.size() == 1 && "PAID".equals(found.get(0).get("status")), Duration.ofSeconds(20));
        String page = "/portal/subscriptions/" + id;

        Map<String, Object> quote = platform.api.post(lin.token(), api + "/items/preview", Map.of("quantity", 3))
                .body();
        PortalBrowser.Page preview = lin.browser().post(page + "/items/preview", lin.browser().get(page),
                Map.of("quantity", "3"));

        // Three seats for the whole period the clock has not moved in: 3 x 12.99 = 38.97, of which 20 % is 7.79.
        assertThat(quote).containsEntry("discountMinor", 779).containsEntry("chargeMinor", 3897 - 779);
        assertThat(preview.body()).contains("Seats: 1 → 3", "Coupon discount, already off the charge",
                "id=\"discount\">" + euros(quote.get("discountMinor")), "id=\"discount\">€7.79",
                "id=\"charge\">" + euros(quote.get("chargeMinor")),
                "id=\"due-now\" class=\"strong\">" + euros(quote.get("amountDueNowMinor")));
    }

    @Test
    void theSeatsPreviewIsInChinese() {
        Customer lin = signedUp("zh-CN,zh;q=0.9");
        String id = (String) platform.api.post(lin.token(), "/v1/subscriptions", Map.of("planId", teamPlanId,
                "paymentMethod", "pm_card_visa")).body().get("id");
        ApiSession.eventually(() -> platform.api.list(lin.token(), "/v1/subscriptions/" + id + "/invoices"),
                found -> found.size() == 1 && "PAID".equals(found.get(0).get("status")), Duration.ofSeconds(20));
        String page = "/portal/subscriptions/" + id;
        PortalBrowser browser = lin.browser();
        assertThat(browser.get(page).body()).contains("席位和附加项", "没有附加项。");

        assertThat(browser.post(page + "/items/preview", browser.get(page), Map.of("quantity", "2")).body())
                .contains("确认席位或附加项变更", "席位数：1 → 2").doesNotContain("Seats:");
    }
}
