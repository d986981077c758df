package io.perennial.acceptance;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins set up suppliers and SKUs, ops read and count stock; customers and strangers get nowhere near it. */
@PlatformTest
class InventoryApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String admin;
    private String ops;
    private String customer;
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String product = "coffee-box-" + suffix;
    private final String supplier = "roaster-" + suffix;

    @BeforeAll
    void start() {
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        customer = api.newCustomer();
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", product, "name", "Coffee box",
                "kind", "PHYSICAL")).code()).isEqualTo(201);
        assertThat(api.post(admin, "/v1/admin/suppliers", Map.of("id", supplier, "name", "Roaster & Co",
                "leadTime", "P5D")).code()).isEqualTo(201);
    }

    private Map<String, Object> sku(String sku, int onHand) {
        Map<String, Object> body = new HashMap<>(Map.of("sku", sku, "productId", product, "name", "Beans 250g",
                "initialOnHand", onHand, "reorderPoint", 3, "reorderQuantity", 24, "preferredSupplierId", supplier,
                "unitPriceMinor", 1250, "currency", "EUR"));
        return body;
    }

    private String newSku(int onHand) {
        String sku = "BEANS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        HttpResponse<Map<String, Object>> created = api.post(admin, "/v1/admin/skus", sku(sku, onHand));
        assertThat(created.code()).isEqualTo(201);
        return sku;
    }

    @Test
    void anAdminCreatesASkuAndOpsCountStockOutWithAReason() {
        String sku = newSku(10);
        Map<String, Object> level = api.get(ops, "/v1/ops/stock/" + sku);
        assertThat(level).containsEntry("onHand", 10).containsEntry("reserved", 0).containsEntry("available", 10)
                .containsEntry("reorderDue", false).containsEntry("preferredSupplierId", supplier)
                .containsEntry("unitPriceMinor", 1250).containsEntry("currency", "EUR");

        HttpResponse<Map<String, Object>> adjusted = api.post(ops, "/v1/ops/stock/" + sku + "/adjustments",
                Map.of("delta", -8, "reason", "water damage in aisle 4"));
        assertThat(adjusted.code()).isEqualTo(201);
        assertThat(adjusted.body()).containsEntry("onHand", 2).containsEntry("reorderDue", true);

        List<Map<String, Object>> movements = api.list(ops, "/v1/ops/stock/" + sku + "/movements");
        assertThat(movements).extracting(m -> m.get("kind") + " " + m.get("delta") + " " + m.get("reason"))
                .containsExactly("ADJUSTMENT -8 water damage in aisle 4", "ADJUSTMENT 10 initial stock");
    }

    @Test
    void stockCannotBeCountedBelowZeroAndMistakesAreProblemsNotErrors() {
        String sku = newSku(3);

        HttpClientResponseException below = api.failure(() -> api.post(ops, "/v1/ops/stock/" + sku + "/adjustments",
                Map.of("delta", -4, "reason", "recount")));
        assertThat(below.code()).isEqualTo(409);
        assertThat(ApiSession.problem(below).get("type")).asString().endsWith("/stock-below-reserved");
        assertThat(api.get(ops, "/v1/ops/stock/" + sku)).containsEntry("onHand", 3);

        HttpClientResponseException zero = api.failure(() -> api.post(ops, "/v1/ops/stock/" + sku + "/adjustments",
                Map.of("delta", 0, "reason", "nothing")));
        assertThat(zero.code()).isEqualTo(400);

        HttpClientResponseException duplicate = api.failure(() -> api.post(admin, "/v1/admin/skus", sku(sku, 1)));
        assertThat(duplicate.code()).isEqualTo(409);

        Map<String, Object> unknownSupplier = sku("BEANS-X" + suffix.toUpperCase(), 1);
        unknownSupplier.put("preferredSupplierId", "nobody");
        HttpClientResponseException noSupplier = api.failure(() -> api.post(admin, "/v1/admin/skus", unknownSupplier));
        assertThat(noSupplier.code()).isEqualTo(422);
        assertThat(ApiSession.problem(noSupplier).get("type")).asString().endsWith("/invalid-reference");

        // A unit price is both an amount and its currency, or neither (a SKU only shipped in boxes).
        Map<String, Object> noCurrency = sku("BEANS-P" + suffix.toUpperCase(), 1);
        noCurrency.remove("currency");
        HttpClientResponseException halfAPrice = api.failure(() -> api.post(admin, "/v1/admin/skus", noCurrency));
        assertThat(halfAPrice.code()).isEqualTo(400);
        assertThat(ApiSession.problem(halfAPrice).get("errors").toString()).contains("/currency");
        Map<String, Object> unpriced = sku("BEANS-U" + suffix.toUpperCase(), 1);
        unpriced.remove("currency");
        unpriced.remove("unitPriceMinor");
        assertThat(api.post(admin, "/v1/admin/skus", unpriced).body()).doesNotContainKeys("unitPriceMinor", "currency");

        HttpClientResponseException noLeadTime = api.failure(() -> api.post(admin, "/v1/admin/suppliers",
                Map.of("id", "instant-" + suffix, "name", "Instant", "leadTime", "PT0S")));
        assertThat(noLeadTime.code()).isEqualTo(400);

        HttpClientResponseException missing = api.failure(() -> api.get(ops, "/v1/ops/stock/NO-SUCH-SKU"));
        assertThat(missing.code()).isEqualTo(404);
    }

    @Test
    void aRetriedAdjustmentWithTheSameIdempotencyKeyCountsOnce() {
        String sku = newSku(10);
        Map<String, Object> body = Map.of("delta", -2, "reason", "sold at the farmers' market");
        String key = "count-" + UUID.randomUUID();

        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<Map<String, Object>> answer = platform.client.toBlocking().exchange(
                    io.micronaut.http.HttpRequest.POST("/v1/ops/stock/" + sku + "/adjustments", body)
                            .bearerAuth(ops).header("Idempotency-Key", key), ApiSession.JSON);
            assertThat(answer.code()).isEqualTo(201);
            assertThat(answer.body()).containsEntry("onHand", 8);
        }
        assertThat(api.get(ops, "/v1/ops/stock/" + sku)).containsEntry("onHand", 8);
    }

    @Test
    void theStockListIsPagedBySkuCode() {
        newSku(1);
        newSku(1);
        Map<String, Object> first = api.get(ops, "/v1/ops/stock?limit=1");
        assertThat((List<?>) first.get("items")).hasSize(1);
        assertThat(first.get("next")).isNotNull();
        Map<String, Object> second = api.get(ops, "/v1/ops/stock?limit=1&after=" + first.get("next"));
        assertThat(((Map<?, ?>) ((List<?>) second.get("items")).get(0)).get("sku")).asString()
                .isGreaterThan((String) first.get("next"));
    }

    @Test
    void customersGet403AndAnonymousCallers401() {
        String sku = newSku(1);
        assertThat(api.failure(() -> api.get(customer, "/v1/ops/stock/" + sku)).code()).isEqualTo(403);
        assertThat(api.failure(() -> api.post(customer, "/v1/ops/stock/" + sku + "/adjustments",
                Map.of("delta", 5, "reason", "mine"))).code()).isEqualTo(403);
        assertThat(api.failure(() -> api.post(customer, "/v1/admin/skus", sku("BEANS-C" + suffix.toUpperCase(), 5)))
                .code()).isEqualTo(403);
        assertThat(api.failure(() -> api.post(ops, "/v1/admin/suppliers",
                Map.of("id", "ops-" + suffix, "name", "Ops", "leadTime", "P1D"))).code()).isEqualTo(403);
        assertThat(api.failure(() -> api.get(null, "/v1/ops/stock")).code()).isEqualTo(401);
        assertThat(api.get(ops, "/v1/ops/stock/" + sku)).containsEntry("onHand", 1);
    }
}
