package io.perennial.acceptance;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.OrderStatus;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restocks through the API: stock counted below the reorder point puts a purchase order out to the preferred
 * supplier, as does an order that reserves the SKU down to it; ops see the purchase order and post what arrives,
 * and the stock on hand rises; orders placed while out of stock are woken in order of arrival; a late purchase order
 * is re-ordered from the alternate supplier.
 */
@PlatformTest(ownPlatform = true)
class PurchaseOrderApiTest {

    private static final Duration SETTLES = Duration.ofSeconds(20);

    private TestPlatform platform;
    private ApiSession api;
    private String admin;
    private String ops;
    private String customer;
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String product = "coffee-box-" + suffix;
    private final String roaster = "roaster-" + suffix;
    private final String backup = "backup-" + suffix;

    @BeforeAll
    void start() {
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        customer = api.newCustomer();
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", product, "name", "Coffee box",
                "kind", "PHYSICAL")).code()).isEqualTo(201);
        assertThat(api.post(admin, "/v1/admin/suppliers", Map.of("id", roaster, "name", "Roaster & Co",
                "leadTime", "P4D")).code()).isEqualTo(201);
        assertThat(api.post(admin, "/v1/admin/suppliers", Map.of("id", backup, "name", "Backup Beans",
                "leadTime", "P2D")).code()).isEqualTo(201);
    }

    private String newSku(int onHand) {
        String sku = "BEANS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> body = new HashMap<>(Map.of("sku", sku, "productId", product, "name", "Beans 250g",
                "initialOnHand", onHand, "reorderPoint", 3, "reorderQuantity", 24, "preferredSupplierId", roaster,
                "alternateSupplierId", backup, "unitPriceMinor", 1250, "currency", "EUR"));
        assertThat(api.post(admin, "/v1/admin/skus", body).code()).isEqualTo(201);
        return sku;
    }

    private Map<String, Object> placedOrderOf(String sku) {
        return ApiSession.eventually(() -> items(api.get(ops, "/v1/purchase-orders?sku=" + sku)),
                orders -> !orders.isEmpty() && "PLACED".equals(orders.get(orders.size() - 1).get("status")), SETTLES)
                .get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private HttpResponse<Map<String, Object>> receipt(String purchaseOrderId, String receiptId, int quantity) {
        return api.post(ops, "/v1/purchase-orders/" + purchaseOrderId + "/receipts",
                Map.of("receiptId", receiptId, "quantity", quantity));
    }

    @Test
    void aCountBelowTheReorderPointOrdersFromThePreferredSupplierAndReceiptsPutStockOnHand() {
        String sku = newSku(10);
        assertThat(api.get(ops, "/v1/purchase-orders?sku=" + sku)).extracting(page -> items(page)).asList()
                .isEmpty();

        api.post(ops, "/v1/ops/stock/" + sku + "/adjustments", Map.of("delta", -8, "reason", "water damage"));

        Map<String, Object> order = placedOrderOf(sku);
        String id = "po-" + sku + "-1";
        assertThat(order).containsEntry("id", id).containsEntry("supplierId", roaster).containsEntry("quantity", 24)
                .containsEntry("receivedQuantity", 0).doesNotContainKey("receipts");
        assertThat(api.get(ops, "/v1/purchase-orders/" + id)).containsEntry("receipts", List.of());

        HttpResponse<Map<String, Object>> first = receipt(id, "dn-1001", 10);
        assertThat(first.code()).isEqualTo(201);
        assertThat(first.body()).containsEntry("receivedQuantity", 10).containsEntry("status", "PARTIALLY_RECEIVED");
        assertThat(api.get(ops, "/v1/ops/stock/" + sku)).containsEntry("onHand", 12);

        assertThat(receipt(id, "dn-1001", 10).body()).as("the same delivery note again counts once")
                .containsEntry("receivedQuantity", 10);
        assertThat(api.get(ops, "/v1/ops/stock/" + sku)).containsEntry("onHand", 12);

        HttpClientResponseException over = api.failure(() -> receipt(id, "dn-1002", 15));
        assertThat(over.code()).isEqualTo(409);
        assertThat(ApiSession.problem(over).get("type")).asString().endsWith("/over-receipt");

        assertThat(receipt(id, "dn-1002", 14).body()).containsEntry("receivedQuantity", 24)
                .containsEntry("status", "RECEIVED");
        assertThat(api.get(ops, "/v1/ops/stock/" + sku)).containsEntry("onHand", 26);
        Map<String, Object> received = api.get(ops, "/v1/purchase-orders/" + id);
        assertThat((List<?>) received.get("receipts")).hasSize(2);
        assertThat(items(api.get(ops, "/v1/purchase-orders?status=RECEIVED&sku=" + sku)))
                .extracting(po -> po.get("id")).containsExactly(id);

        HttpClientResponseException closed = api.failure(() -> receipt(id, "dn-1003", 1));
        assertThat(closed.code()).isEqualTo(409);
        assertThat(ApiSession.problem(closed).get("type")).asString().endsWith("/receipt-refused");
        List<Map<String, Object>> movements = api.list(ops, "/v1/ops/stock/" + sku + "/movements");
        assertThat(movements).extracting(m -> m.get("kind") + " " + m.get("delta") + " " + m.get("reference"))
                .contains("RECEIPT 10 " + id + "/dn-1001", "RECEIPT 14 " + id + "/dn-1002");
    }

    @Test
    void aLateOrderIsClosedShortAndItsRemainderOrderedFromTheAlternateSupplier() {
        String sku = newSku(4);
        api.post(ops, "/v1/ops/stock/" + sku + "/adjustments", Map.of("delta", -2, "reason", "breakage"));
        String first = "po-" + sku + "-1";
        placedOrderOf(sku);
        assertThat(receipt(first, "dn-1", 4).code()).isEqualTo(201);

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P7D"));

        List<Map<String, Object>> orders = ApiSession.eventually(
                () -> items(api.get(ops, "/v1/purchase-orders?sku=" + sku)),
                list -> list.size() == 2 && "PLACED".equals(list.get(1).get("status")), SETTLES);
        assertThat(orders.get(0)).containsEntry("id", first).containsEntry("status", "SHORT_CLOSED");
        assertThat(orders.get(1)).containsEntry("id", "po-" + sku + "-2").containsEntry("supplierId", backup)
                .containsEntry("quantity", 20).containsEntry("replaces", first);
        assertThat(api.failure(() -> receipt(first, "dn-2", 1)).code()).isEqualTo(409);
    }

    @Test
    void anOrderWhoseReservationTakesTheSkuToItsReorderPointStartsARestock() {
        String sku = newSku(5);

        HttpResponse<Map<String, Object>> placed = api.post(customer, "/v1/orders", order(sku, 2));
        assertThat(placed.code()).isEqualTo(201);

        Map<String, Object> purchaseOrder = placedOrderOf(sku);
        assertThat(purchaseOrder).containsEntry("id", "po-" + sku + "-1").containsEntry("quantity", 24)
                .containsEntry("supplierId", roaster);
        assertThat(api.get(ops, "/v1/ops/stock/" + sku)).containsEntry("reserved", 2).containsEntry("reorderDue", true);
    }

    @Test
    void backorderedOrdersRegisterWithTheRestockAndReceiptsWakeThemInOrderOfArrival() {
        String sku = newSku(0);
        String first = (String) api.post(customer, "/v1/orders", order(sku, 3)).body().get("id");
        awaitOrder(first, "BACKORDERED"::equals);
        String second = (String) api.post(customer, "/v1/orders", order(sku, 2)).body().get("id");
        awaitOrder(second, "BACKORDERED"::equals);

        Map<String, Object> purchaseOrder = placedOrderOf(sku);
        String id = "po-" + sku + "-1";
        assertThat(purchaseOrder).containsEntry("id", id).containsEntry("quantity", 24);

        receipt(id, "dn-1", 2);
        assertThat(workflowStatus(first)).as("2 do not cover the first order's 3").isEqualTo(OrderStatus.BACKORDERED);
        assertThat(workflowStatus(second)).as("and the second may not jump ahead").isEqualTo(OrderStatus.BACKORDERED);

        receipt(id, "dn-2", 1);
        awaitOrder(first, status -> !"BACKORDERED".equals(status));
        assertThat(workflowStatus(second)).isEqualTo(OrderStatus.BACKORDERED);

        receipt(id, "dn-3", 21);
        awaitOrder(second, status -> !"BACKORDERED".equals(status));
        assertThat(api.get(ops, "/v1/purchase-orders/" + id)).containsEntry("status", "RECEIVED");
    }

    private static Map<String, Object> order(String sku, int quantity) {
        return Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)), "paymentMethod", "pm_card_visa",
                "shippingAddress", Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1",
                        "city", "Amsterdam", "postalCode", "1015 AB", "countryCode", "NL"));
    }

    private void awaitOrder(String orderId, java.util.function.Predicate<Object> status) {
        ApiSession.eventually(() -> api.get(customer, "/v1/orders/" + orderId), view -> status.test(view.get("status")),
                SETTLES);
    }

    private OrderStatus workflowStatus(String orderId) {
        return platform.bean(WorkflowClient.class)
                .newWorkflowStub(OrderFulfillmentWorkflow.class, WorkflowIds.order(orderId)).state().status();
    }

    @Test
    void concurrentReceiptsNeverBringMoreThanWasOrdered() throws Exception {
        String sku = newSku(3);
        api.post(ops, "/v1/ops/stock/" + sku + "/adjustments", Map.of("delta", -1, "reason", "sample"));
        String id = "po-" + sku + "-1";
        placedOrderOf(sku);

        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String receiptId = "dn-" + i;
            answers.add(pool.submit(() -> {
                go.await();
                try {
                    return receipt(id, receiptId, 10).code();
                } catch (HttpClientResponseException refused) {
                    return refused.code() + " " + ApiSession.problem(refused).get("type");
                }
            }));
        }
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> answer : answers) {
            outcomes.add(answer.get());
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn(outcome -> outcome.equals(201)).hasSize(2);
        assertThat(outcomes).filteredOn(outcome -> !outcome.equals(201))
                .containsOnly("409 https://perennial.dev/problems/over-receipt");
        assertThat(api.get(ops, "/v1/purchase-orders/" + id)).containsEntry("receivedQuantity", 20);
        assertThat(api.get(ops, "/v1/ops/stock/" + sku)).containsEntry("onHand", 2 + 20);
    }

    @Test
    void purchaseOrdersAreForStaffAndMistakesAreProblems() {
        assertThat(api.failure(() -> api.get(customer, "/v1/purchase-orders")).code()).isEqualTo(403);
        assertThat(api.failure(() -> api.get(null, "/v1/purchase-orders")).code()).isEqualTo(401);
        assertThat(api.failure(() -> api.post(customer, "/v1/purchase-orders/po-X-1/receipts",
                Map.of("receiptId", "dn-1", "quantity", 1))).code()).isEqualTo(403);
        assertThat(api.failure(() -> api.get(ops, "/v1/purchase-orders/po-NOPE-1")).code()).isEqualTo(404);
        assertThat(api.failure(() -> receipt("po-NOPE-1", "dn-1", 1)).code()).isEqualTo(404);
        assertThat(api.failure(() -> receipt("po-NOPE-1", "dn-1", 0)).code()).isEqualTo(400);
        assertThat(api.failure(() -> api.get(ops, "/v1/purchase-orders?status=LOST")).code()).isEqualTo(400);
    }
}
