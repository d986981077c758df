package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/subscriptions/{id}} answers from the read model, and every change made through the API is there
 * before the change answers (read-your-writes), so a client never reads its own change undone.
 * {@code ?consistency=strong} asks the workflow.
 */
@PlatformTest
class SubscriptionReadsApiTest {

    private ApiSession api;
    private String boxPlanId;

    @BeforeAll
    void start() {
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        boxPlanId = "plan_reads_box_" + suffix;
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", "reads-box-" + suffix, "name", "Reads box",
                "kind", "PHYSICAL")).code()).isEqualTo(201);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", boxPlanId, "productId", "reads-box-" + suffix,
                "name", "A box every month", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 1900)),
                "box", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)))).code()).isEqualTo(201);
    }

    /** A new subscription's path, once its workflow has recorded its first state. */
    private String recordedSubscription(String customer, Map<String, Object> body) {
        String path = "/v1/subscriptions/" + api.post(customer, "/v1/subscriptions", body).body().get("id");
        ApiSession.eventually(() -> api.get(customer, path),
                view -> "read-model".equals(view.get("source")) && view.get("nextBillingAt") != null,
                Duration.ofSeconds(20));
        return path;
    }

    @Test
    void eachChangeMadeThroughTheApiIsInTheVeryNextRead() {
        String customer = api.newCustomer();
        String path = recordedSubscription(customer,
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));

        for (int round = 0; round < 8; round++) {
            assertThat(api.post(customer, path + "/cancel", Map.of("reason", "round_" + round)).body())
                    .containsEntry("cancelAtPeriodEnd", true);
            assertThat(api.get(customer, path)).as("read right after cancel, round %d", round)
                    .containsEntry("source", "read-model").containsEntry("cancelAtPeriodEnd", true)
                    .containsEntry("cancelReason", "round_" + round);

            assertThat(api.post(customer, path + "/uncancel", Map.of()).body())
                    .containsEntry("cancelAtPeriodEnd", false);
            assertThat(api.get(customer, path)).as("read right after uncancel, round %d", round)
                    .containsEntry("source", "read-model").containsEntry("cancelAtPeriodEnd", false);
        }
    }

    @Test
    void aStrongReadAsksTheWorkflowAndAgreesWithTheReadModel() {
        String customer = api.newCustomer();
        String path = recordedSubscription(customer,
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));

        Map<String, Object> recorded = api.get(customer, path);
        Map<String, Object> live = api.get(customer, path + "?consistency=strong");
        assertThat(live).containsEntry("source", "workflow");
        for (String field : List.of("status", "planId", "amountMinor", "currency", "trialEnd", "nextBillingAt",
                "accessUntil", "cancelAtPeriodEnd", "planVersion")) {
            assertThat(recorded.get(field)).as(field).isEqualTo(live.get(field));
        }

        HttpClientResponseException unknown = api.failure(() -> api.get(customer, path + "?consistency=now"));
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(ApiSession.problem(unknown).get("errors")).asString().contains("consistency");
    }

    @Test
    void theReadModelShowsWhereTheBoxesGoIncludingANewAddress() {
        String customer = api.newCustomer();
        Map<String, Object> home = Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1",
                "city", "Amsterdam", "postalCode", "1015 AB", "countryCode", "NL");
        String path = recordedSubscription(customer,
                Map.of("planId", boxPlanId, "paymentMethod", "pm_card_visa", "shippingAddress", home));
        assertThat(api.get(customer, path)).containsEntry("source", "read-model").containsEntry("shippingAddress",
                Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1", "city", "Amsterdam",
                        "postalCode", "1015 AB", "countryCode", "NL"));

        Map<String, Object> office = Map.of("recipient", "Ada Lovelace", "line1", "Rue de Rivoli 2",
                "city", "Paris", "postalCode", "75001", "countryCode", "FR");
        assertThat(api.put(customer, path + "/shipping-address", office).code()).isEqualTo(200);
        assertThat(api.get(customer, path).get("shippingAddress")).isEqualTo(office);
    }
}
