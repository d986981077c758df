package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skipping or delaying a physical plan's next box through the API: Updates of the subscription workflow that the
 * owner or ops send, refused with a 409 when the box cannot change and a 422 when a delay is out of range. What a
 * skip or a delay does to billing over the following periods is proven by {@code SubscriptionNextBoxTest}, under
 * time skipping; this class leaves the clock alone, so it shares the platform.
 */
@PlatformTest
class NextBoxApiTest {

    private ApiSession api;
    private String ops;
    private String planId;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        planId = "plan_beans_skippable_" + suffix;
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", "beans-skip-" + suffix, "name", "Beans club",
                "kind", "PHYSICAL")).code()).isEqualTo(201);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", planId, "productId", "beans-skip-" + suffix,
                "name", "Beans, every month", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 2400)),
                "box", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)))).code()).isEqualTo(201);
    }

    private static Map<String, Object> address() {
        return new HashMap<>(Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1", "city", "Amsterdam",
                "postalCode", "1015 AB", "countryCode", "NL"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSubscriberOrOpsSkipOrDelayTheNextBoxAndTheSubscriptionShowsIt() {
        String customer = api.newCustomer();
        String skipping = subscribeToBeans(customer);
        String delaying = subscribeToBeans(customer);
        Map<String, Object> next = nextBoxOnceBilled(customer, skipping);
        assertThat(next).containsEntry("period", 2).containsEntry("skipped", false).containsEntry("delayed", false);

        assertThat(nextBox(api.post(customer, "/v1/subscriptions/" + skipping + "/next-box/skip", Map.of()).body()))
                .containsEntry("period", 2).containsEntry("skipped", true);
        assertThat(nextBox(api.get(customer, "/v1/subscriptions/" + skipping))).containsEntry("skipped", true);
        HttpClientResponseException twice = api.failure(() -> api.post(ops,
                "/v1/subscriptions/" + skipping + "/next-box/skip", Map.of("period", 2)));
        assertThat(twice.code()).isEqualTo(409);
        assertThat(ApiSession.problem(twice)).containsEntry("type", "https://perennial.dev/problems/change-not-allowed");
        assertThat(ApiSession.problem(twice).get("detail")).asString().contains("already skipped");

        Instant usualStart = Instant.parse((String) nextBoxOnceBilled(customer, delaying).get("startsAt"));
        HttpClientResponseException tooLate = api.failure(() -> api.post(customer,
                "/v1/subscriptions/" + delaying + "/next-box/delay", Map.of("days", 40)));
        assertThat(tooLate.code()).isEqualTo(422);
        assertThat(ApiSession.problem(tooLate)).containsEntry("type", "https://perennial.dev/problems/delay-out-of-range");
        assertThat(ApiSession.problem(tooLate).get("errors")).asString().contains("/days");
        assertThat(api.failure(() -> api.post(customer, "/v1/subscriptions/" + delaying + "/next-box/delay",
                Map.of("days", 3, "until", usualStart.plus(Duration.ofDays(3)).toString()))).code()).isEqualTo(400);
        assertThat(api.failure(() -> api.post(api.newCustomer(), "/v1/subscriptions/" + delaying
                + "/next-box/delay", Map.of("days", 3))).code()).as("another customer's").isEqualTo(404);
        Map<String, Object> delayed = nextBox(api.post(ops, "/v1/subscriptions/" + delaying + "/next-box/delay",
                Map.of("days", 20)).body());
        assertThat(delayed).containsEntry("period", 2).containsEntry("delayed", true);
        assertThat(Instant.parse((String) delayed.get("startsAt"))).isEqualTo(usualStart.plus(Duration.ofDays(20)));

        assertThat(nextBox(api.get(customer, "/v1/subscriptions/" + delaying))).containsEntry("delayed", true);
        assertThat(api.list(customer, "/v1/subscriptions/" + skipping + "/invoices"))
                .as("period 1 only, so far").hasSize(1);
    }

    @Test
    void aPlanWithoutBoxesHasNoBoxToSkip() {
        String customer = api.newCustomer();
        String digital = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", "plan_digital_monthly",
                "paymentMethod", "pm_card_visa")).body().get("id");
        HttpClientResponseException refused = ApiSession.eventually(() -> api.failure(() -> api.post(customer,
                "/v1/subscriptions/" + digital + "/next-box/skip", Map.of())),
                failure -> failure.code() == 409, Duration.ofSeconds(10));
        assertThat(ApiSession.problem(refused).get("detail")).asString().contains("ships no boxes");
        assertThat(api.get(customer, "/v1/subscriptions/" + digital).get("nextBox")).isNull();
    }

    private String subscribeToBeans(String customer) {
        return (String) api.post(customer, "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "shippingAddress", address())).body().get("id");
    }

    /** The next box once the first period is billed (before that, the first period's box is the next). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> nextBoxOnceBilled(String customer, String subscriptionId) {
        return nextBox(ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + subscriptionId),
                view -> view.get("nextBox") != null && Integer.valueOf(2).equals(nextBox(view).get("period")),
                Duration.ofSeconds(20)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nextBox(Map<String, Object> view) {
        return (Map<String, Object>) view.get("nextBox");
    }
}
