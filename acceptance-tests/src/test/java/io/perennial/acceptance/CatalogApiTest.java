package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The catalog through the admin API on the embedded platform: a physical product with prices in two currencies
 * whose paid periods record boxes, a price change as a new plan version that existing subscribers do not see
 * until an explicit migration, and subscriptions listed page by page.
 */
@PlatformTest(ownPlatform = true)
class CatalogApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;
    private String admin;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
    }

    private void advance(String duration) {
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", duration));
    }

    /** Where the coffee club's boxes go (a physical plan needs an address). */
    private static final Map<String, Object> HOME = Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1",
            "city", "Amsterdam", "postalCode", "1015 AB", "countryCode", "NL");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void aPriceChangeIsANewVersionThatExistingSubscribersOnlyPayOnceMigrated() {
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", "coffee-club", "name", "Coffee club",
                "kind", "PHYSICAL")).code()).isEqualTo(201);
        Map<String, Object> plan = api.post(admin, "/v1/admin/plans", Map.of("id", "plan_coffee_quarterly",
                "productId", "coffee-club", "name", "Coffee, every 3 months",
                "interval", Map.of("unit", "MONTH", "count", 3),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 4500),
                        Map.of("currency", "USD", "amountMinor", 4900)),
                "box", List.of(Map.of("sku", "COFFEE-250G", "quantity", 3), Map.of("sku", "FILTERS-100", "quantity", 1))))
                .body();
        assertThat(plan).containsEntry("version", 1).containsEntry("kind", "PHYSICAL");
        assertThat(api.list(null, "/v1/plans")).extracting(found -> found.get("id")).contains("plan_coffee_quarterly");

        // Sold in two currencies: the subscriber picks one.
        String early = api.newCustomer();
        HttpClientResponseException noCurrency = api.failure(() -> api.post(early, "/v1/subscriptions",
                Map.of("planId", "plan_coffee_quarterly", "paymentMethod", "pm_card_visa")));
        assertThat(noCurrency.code()).isEqualTo(422);
        assertThat(ApiSession.problem(noCurrency))
                .containsEntry("type", "https://perennial.dev/problems/currency-not-offered");
        String earlyId = (String) api.post(early, "/v1/subscriptions", Map.of("planId", "plan_coffee_quarterly",
                "paymentMethod", "pm_card_visa", "currency", "USD", "shippingAddress", HOME)).body().get("id");
        Map<String, Object> earlyView = ApiSession.eventually(() -> api.get(early, "/v1/subscriptions/" + earlyId),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(10));
        assertThat(earlyView).containsEntry("planVersion", 1).containsEntry("amountMinor", 4900)
                .containsEntry("currency", "USD");
        List<Map<String, Object>> boxes = ApiSession.eventually(
                () -> api.list(early, "/v1/subscriptions/" + earlyId + "/boxes"), found -> found.size() == 1,
                Duration.ofSeconds(10));
        assertThat(boxes.get(0)).containsEntry("period", 1).containsEntry("status", "DUE")
                .containsEntry("planVersion", 1);
        assertThat(boxes.get(0).get("items")).isEqualTo(List.of(Map.of("sku", "COFFEE-250G", "quantity", 3),
                Map.of("sku", "FILTERS-100", "quantity", 1)));

        // The price rises: version 2. New subscribers pay it; the early one keeps version 1.
        Map<String, Object> v2 = api.post(admin, "/v1/admin/plans/plan_coffee_quarterly/versions",
                Map.of("prices", List.of(Map.of("currency", "EUR", "amountMinor", 4900),
                        Map.of("currency", "USD", "amountMinor", 5400)), "note", "2027 price rise")).body();
        assertThat(v2).containsEntry("version", 2);
        assertThat(api.list(admin, "/v1/admin/plans/plan_coffee_quarterly/versions"))
                .extracting(version -> version.get("version"), version -> version.get("box"))
                .containsExactly(tuple(1, plan.get("box")), tuple(2, plan.get("box")));
        String late = api.newCustomer();
        String lateId = (String) api.post(late, "/v1/subscriptions", Map.of("planId", "plan_coffee_quarterly",
                "paymentMethod", "pm_card_visa", "currency", "EUR", "shippingAddress", HOME)).body().get("id");
        assertThat(ApiSession.eventually(() -> api.get(late, "/v1/subscriptions/" + lateId),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(10)))
                .containsEntry("planVersion", 2).containsEntry("amountMinor", 4900).containsEntry("currency", "EUR");

        advance("P93D");
        assertThat(ApiSession.eventually(() -> api.list(early, "/v1/subscriptions/" + earlyId + "/payments"),
                payments -> payments.size() == 2, Duration.ofSeconds(10)))
                .extracting(payment -> payment.get("amountMinor")).containsExactly(4900, 4900);

        // The explicit migration, a tracked batch: only the early subscriber is selected, and a second run finds
        // nobody.
        Map<String, Object> migration = migrateToCurrentVersion();
        assertThat(migration).containsEntry("kind", "PLAN_MIGRATION").containsEntry("selected", 1)
                .containsEntry("succeeded", 1).containsEntry("failed", 0).containsEntry("remaining", 0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) api.get(admin, (String) migration.get("items"))
                .get("items");
        assertThat(results).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("itemId", earlyId).containsEntry("outcome", "SUCCEEDED");
            assertThat((String) item.get("detail")).contains("version 2");
        });
        assertThat(api.get(early, "/v1/subscriptions/" + earlyId)).containsEntry("planVersion", 1)
                .containsEntry("scheduledPlanVersion", 2);
        ApiSession.eventually(this::migrateToCurrentVersion, again -> Integer.valueOf(0).equals(again.get("selected")),
                Duration.ofSeconds(20));

        advance("P93D");
        assertThat(ApiSession.eventually(() -> api.list(early, "/v1/subscriptions/" + earlyId + "/payments"),
                payments -> payments.size() == 3, Duration.ofSeconds(10)))
                .extracting(payment -> payment.get("amountMinor")).containsExactly(4900, 4900, 5400);
        assertThat(api.get(early, "/v1/subscriptions/" + earlyId)).containsEntry("planVersion", 2)
                .containsEntry("amountMinor", 5400);
        assertThat(api.list(early, "/v1/subscriptions/" + earlyId + "/boxes"))
                .extracting(box -> box.get("period")).containsExactly(1, 2, 3);
    }

    /**
     * A migration without moving the clock: 202, then progress and a result per subscription, paged in item order.
     * Each subscription moves from its next period.
     */
    @Test
    void aMigrationIsATrackedBatchWithAResultPerSubscriptionPagedInItemOrder() {
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", "news", "name", "News", "kind", "DIGITAL"))
                .code()).isEqualTo(201);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", "plan_news_monthly", "productId", "news",
                "name", "News monthly", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 900)))).code()).isEqualTo(201);
        Map<String, String> owners = new java.util.TreeMap<>();
        for (int i = 0; i < 3; i++) {
            String customer = api.newCustomer();
            owners.put((String) api.post(customer, "/v1/subscriptions", Map.of("planId", "plan_news_monthly",
                    "paymentMethod", "pm_card_visa")).body().get("id"), customer);
        }
        owners.forEach((id, customer) -> ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(20)));
        api.post(admin, "/v1/admin/plans/plan_news_monthly/versions",
                Map.of("prices", List.of(Map.of("currency", "EUR", "amountMinor", 1100))));

        Map<String, Object> batch = migrateToCurrentVersion("plan_news_monthly");

        assertThat(batch).containsEntry("selected", 3).containsEntry("succeeded", 3).containsEntry("failed", 0)
                .containsEntry("remaining", 0);
        Map<String, Object> firstPage = api.get(admin, batch.get("items") + "?limit=2");
        Map<String, Object> lastPage = api.get(admin, batch.get("items") + "?limit=2&after=" + firstPage.get("next"));
        assertThat(lastPage.get("next")).isNull();
        List<Map<String, Object>> results = new java.util.ArrayList<>(items(firstPage));
        results.addAll(items(lastPage));
        assertThat(results).extracting(item -> item.get("itemId")).containsExactlyElementsOf(owners.keySet());
        assertThat(results).extracting(item -> item.get("outcome")).containsOnly("SUCCEEDED");
        owners.forEach((id, customer) -> ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> Integer.valueOf(2).equals(view.get("scheduledPlanVersion")), Duration.ofSeconds(20)));
    }

    /** Starts the migration of the plan to its current version (202) and follows it to its end. */
    private Map<String, Object> migrateToCurrentVersion() {
        return migrateToCurrentVersion("plan_coffee_quarterly");
    }

    private Map<String, Object> migrateToCurrentVersion(String planId) {
        var started = api.post(admin, "/v1/admin/plans/" + planId + "/migrations", Map.of());
        assertThat(started.code()).isEqualTo(202);
        String status = "/v1/ops/batches/" + started.body().get("batchId");
        assertThat(started.header("Location")).isEqualTo(status);
        return ApiSession.eventually(() -> api.get(admin, status), batch -> Boolean.TRUE.equals(batch.get("done")),
                Duration.ofSeconds(20));
    }

    @Test
    void catalogChangesThatCannotBeBilledAreRefusedAndOnlyAdminsMayMakeThem() {
        String customer = api.newCustomer();
        assertThat(api.failure(() -> api.post(customer, "/v1/admin/products", Map.of("id", "x1", "name", "X",
                "kind", "DIGITAL"))).code()).isEqualTo(403);
        assertThat(api.failure(() -> api.post(ops, "/v1/admin/plans/plan_digital_monthly/versions",
                Map.of("prices", List.of(Map.of("currency", "EUR", "amountMinor", 1))))).code()).isEqualTo(403);

        HttpClientResponseException seconds = api.failure(() -> api.post(admin, "/v1/admin/plans", Map.of(
                "id", "plan_fast", "productId", "prod_digital", "name", "Fast",
                "interval", Map.of("unit", "SECOND", "count", 10),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 100)))));
        assertThat(seconds.code()).isEqualTo(422);
        assertThat(ApiSession.problem(seconds)).containsEntry("type",
                "https://perennial.dev/problems/invalid-catalog-change");

        HttpClientResponseException noPrices = api.failure(() -> api.post(admin, "/v1/admin/plans", Map.of(
                "id", "plan_free", "productId", "prod_digital", "name", "Free",
                "interval", Map.of("unit", "MONTH", "count", 1), "prices", List.of())));
        assertThat(noPrices.code()).isEqualTo(400);

        HttpClientResponseException duplicate = api.failure(() -> api.post(admin, "/v1/admin/plans", Map.of(
                "id", "plan_digital_monthly", "productId", "prod_digital", "name", "Again",
                "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 100)))));
        assertThat(duplicate.code()).isEqualTo(409);

        HttpClientResponseException unknownCurrency = api.failure(() -> api.post(admin,
                "/v1/admin/plans/plan_digital_monthly/versions",
                Map.of("prices", List.of(Map.of("currency", "XYZ", "amountMinor", 100)))));
        assertThat(unknownCurrency.code()).isEqualTo(422);
        assertThat(api.get(null, "/v1/plans/plan_digital_monthly")).containsEntry("version", 1);
    }

    @Test
    void subscriptionsArePagedNewestFirstAndACursorIsOnlyGoodForItsOwner() {
        String customer = api.newCustomer();
        for (int i = 0; i < 3; i++) {
            api.post(customer, "/v1/subscriptions", Map.of("planId", "plan_digital_yearly",
                    "paymentMethod", "pm_card_visa"));
        }
        Map<String, Object> first = api.get(customer, "/v1/subscriptions?limit=2");
        assertThat(items(first)).hasSize(2);
        assertThat(first.get("next")).isEqualTo(items(first).get(1).get("id"));
        Map<String, Object> second = api.get(customer, "/v1/subscriptions?limit=2&after=" + first.get("next"));
        assertThat(items(second)).hasSize(1);
        assertThat(second.get("next")).isNull();
        assertThat(items(first).get(0).get("id")).isNotEqualTo(items(second).get(0).get("id"));

        String stranger = api.newCustomer();
        assertThat(api.failure(() -> api.get(stranger, "/v1/subscriptions?after=" + first.get("next"))).code())
                .isEqualTo(404);
        assertThat(api.failure(() -> api.get(customer, "/v1/subscriptions?limit=101")).code()).isEqualTo(400);

        String customerId = (String) items(first).get(0).get("customerId");
        assertThat(items(api.get(ops, "/v1/subscriptions?limit=100&customerId=" + customerId))).hasSize(3);
    }
}
