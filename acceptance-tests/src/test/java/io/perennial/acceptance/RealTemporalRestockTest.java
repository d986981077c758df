package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restocks on the real Temporal server, through the HTTP API: concurrent counts that take a SKU low make exactly one
 * open {@code restock-{sku}} (signal-with-start with conflict policy USE_EXISTING), found by its search attribute,
 * and a receipt completes it.
 */
@NeedsTemporalCli
@PlatformTest(temporal = PlatformTest.Temporal.DEV_SERVER)
class RealTemporalRestockTest {

    private static final Duration SETTLES = Duration.ofSeconds(30);

    private TemporalDevServer temporal;
    private TestPlatform platform;
    private ApiSession api;

    @Test
    void concurrentCountsBelowTheReorderPointOpenOneRestockThatAReceiptCompletes() throws Exception {
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String sku = "BEANS-" + suffix.toUpperCase();
        api.post(admin, "/v1/admin/products", Map.of("id", "box-" + suffix, "name", "Box", "kind", "PHYSICAL"));
        api.post(admin, "/v1/admin/suppliers", Map.of("id", "roaster-" + suffix, "name", "Roaster", "leadTime", "P4D"));
        assertThat(api.post(admin, "/v1/admin/skus", Map.of("sku", sku, "productId", "box-" + suffix, "name", "Beans",
                "initialOnHand", 20, "reorderPoint", 20, "reorderQuantity", 24, "preferredSupplierId",
                "roaster-" + suffix)).code()).isEqualTo(201);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            counts.add(pool.submit(() -> {
                go.await();
                return api.post(ops, "/v1/ops/stock/" + sku + "/adjustments",
                        Map.of("delta", -1, "reason", "sold at the market")).code();
            }));
        }
        go.countDown();
        for (Future<Integer> count : counts) {
            assertThat(count.get()).isEqualTo(201);
        }
        pool.shutdown();

        String workflowId = "restock-" + sku;
        List<WorkflowExecutionInfo> open = ApiSession.eventually(() -> temporal.listWorkflows(
                "WorkflowId = '" + workflowId + "' AND RestockStatus = 'ORDERED'"), found -> !found.isEmpty(), SETTLES);
        assertThat(open).hasSize(1);
        assertThat(temporal.listWorkflows("WorkflowId = '" + workflowId + "'")).as("one run, however many counts")
                .hasSize(1);
        WorkflowClient client = platform.bean(WorkflowClient.class);
        assertThat(client.fetchHistory(workflowId).getEvents()).as("each of the 12 counts signalled that run")
                .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).hasSize(12);
        assertThat(client.newUntypedWorkflowStub(workflowId).describe().getStaticSummary())
                .startsWith("Restock of SKU " + sku);
        List<?> orders = (List<?>) api.get(ops, "/v1/purchase-orders?sku=" + sku).get("items");
        assertThat(orders).hasSize(1);

        assertThat(api.post(ops, "/v1/purchase-orders/po-" + sku + "-1/receipts",
                Map.of("receiptId", "dn-1", "quantity", 24)).body()).containsEntry("status", "RECEIVED");
        assertThat(api.get(ops, "/v1/ops/stock/" + sku)).containsEntry("onHand", 8 + 24);
        ApiSession.eventually(() -> temporal.listWorkflows("WorkflowId = '" + workflowId
                + "' AND RestockStatus = 'COMPLETED' AND ExecutionStatus = 'Completed'"), found -> found.size() == 1,
                SETTLES);
    }
}
