package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviour in, recommendations out (docs/analytics.md, "Recommendations"), on the shared platform. */
@PlatformTest
class RecommendationApiTest {

    private ApiSession api;
    private String admin;
    private String ops;

    @BeforeAll
    void start() {
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    private String plan(String product, String name) {
        String id = "plan_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", id, "productId", product, "name", name,
                "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 900)))).code()).isEqualTo(201);
        return id;
    }

    private void subscribe(String customer, String planId) {
        assertThat(api.post(customer, "/v1/subscriptions", Map.of("planId", planId, "paymentMethod", "pm_card_visa"))
                .code()).isEqualTo(201);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> recommendations(String customer) {
        return (List<Map<String, Object>>) api.get(customer, "/v1/customers/me/recommendations?limit=10").get("items");
    }

    @Test
    void aCustomerWhoBoughtASeesBThatOthersBoughtWithAAndWhy() {
        String product = "reco-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", product, "name", "Reading club",
                "kind", "DIGITAL")).code()).isEqualTo(201);
        String novels = plan(product, "Novels monthly");
        String poetry = plan(product, "Poetry monthly");
        for (int i = 0; i < 3; i++) {
            String other = api.newCustomer();
            subscribe(other, novels);
            subscribe(other, poetry);
        }
        String customer = api.newCustomer();
        subscribe(customer, novels);

        Map<String, Object> rebuilt = api.post(ops, "/v1/ops/recommendations/refresh", Map.of("full", true)).body();
        List<Map<String, Object>> found = recommendations(customer);

        assertThat(rebuilt).containsEntry("kind", "FULL");
        assertThat(found.get(0)).containsEntry("itemType", "plan").containsEntry("itemId", poetry)
                .containsEntry("name", "Poetry monthly")
                .containsEntry("reason", "bought together with Novels monthly");
        assertThat(found).extracting(item -> item.get("itemId")).doesNotContain(novels);

        List<Map<String, Object>> forANewcomer = recommendations(api.newCustomer());
        assertThat(forANewcomer).isNotEmpty()
                .allSatisfy(item -> assertThat(item).containsEntry("reason", "popular with other customers"));
    }

    @Test
    void subscriptionsSinceTheLastRefreshAreCountedByTheNextIncrementalOne() {
        String product = "reco-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", product, "name", "Listening club",
                "kind", "DIGITAL")).code()).isEqualTo(201);
        String jazz = plan(product, "Jazz monthly");
        String blues = plan(product, "Blues monthly");
        assertThat(api.post(ops, "/v1/ops/recommendations/refresh", Map.of("full", true)).body())
                .containsEntry("kind", "FULL");
        for (int i = 0; i < 3; i++) {
            String other = api.newCustomer();
            subscribe(other, jazz);
            subscribe(other, blues);
        }
        String customer = api.newCustomer();
        subscribe(customer, jazz);

        Map<String, Object> refreshed = api.post(ops, "/v1/ops/recommendations/refresh", Map.of()).body();

        assertThat(refreshed).containsEntry("kind", "INCREMENTAL");
        // The four who subscribed (other classes' workflows may still write a row or two on the shared platform).
        assertThat((Integer) refreshed.get("recomputed")).isBetween(4, 8);
        assertThat(recommendations(customer).get(0)).containsEntry("itemId", blues)
                .containsEntry("reason", "bought together with Jazz monthly");
    }

    @Test
    void aBatchOfBehaviourIsStoredWholeOrRefusedWhole() {
        String customer = api.newCustomer();
        String now = Instant.now().toString();

        Map<String, Object> stored = api.post(customer, "/v1/behaviour", Map.of("events", List.of(
                Map.of("type", "viewed", "itemType", "plan", "itemId", "plan_digital_monthly", "occurredAt", now),
                Map.of("type", "added_to_cart", "itemType", "sku", "itemId", "COFFEE-250G", "occurredAt", now),
                Map.of("type", "searched", "query", "coffee", "occurredAt", now),
                Map.of("type", "rated", "itemType", "product", "itemId", "digital", "rating", 5,
                        "occurredAt", now)))).body();
        HttpClientResponseException misfit = api.failure(() -> api.post(customer, "/v1/behaviour",
                Map.of("events", List.of(Map.of("type", "viewed", "itemType", "plan", "itemId", "plan_x",
                        "occurredAt", now), Map.of("type", "rated", "itemType", "plan", "itemId", "plan_x",
                        "occurredAt", now)))));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("type", "viewed", "itemType", "plan", "itemId", "plan_x", "occurredAt", now));
        }
        HttpClientResponseException oversized = api.failure(() -> api.post(customer, "/v1/behaviour",
                Map.of("events", tooMany)));

        assertThat(stored).containsEntry("accepted", 4);
        assertThat(misfit.code()).isEqualTo(400);
        assertThat(ApiSession.problem(misfit).get("errors")).asList().singleElement()
                .satisfies(error -> assertThat((Map<String, Object>) error).containsEntry("pointer", "/events/1/rating"));
        assertThat(oversized.code()).isEqualTo(400);
    }
}
