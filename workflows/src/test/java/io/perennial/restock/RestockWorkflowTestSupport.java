package io.perennial.restock;

import io.perennial.inventory.StockLine;
import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.OrderRequest;
import io.perennial.order.ShippingAddress;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Time-skipping tests of {@link RestockWorkflowImpl} against scripted suppliers and an in-memory shelf, with
 * stand-in backordered orders. Time starts on 1 March 2027 09:00 UTC.
 */
abstract class RestockWorkflowTestSupport {

    static final Instant MARCH_1_2027 = Instant.parse("2027-03-01T09:00:00Z");
    static final String SKU = "BEANS-250";

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(WorkflowImplementationOptions.newBuilder()
                    .setFailWorkflowExceptionTypes(NullPointerException.class, IllegalArgumentException.class,
                            IllegalStateException.class, ClassCastException.class)
                    .build(), RestockWorkflowImpl.class, StandInOrderWorkflow.class)
            .registerSearchAttribute("RestockStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("OrderStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .setInitialTime(MARCH_1_2027.minusSeconds(60))
            .setDoNotStart(true)
            .build();

    final FakeRestockActivities activities = new FakeRestockActivities();

    void begin(TestWorkflowEnvironment env, Worker worker) {
        worker.registerActivitiesImplementations(activities);
        env.start();
        env.sleep(Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), MARCH_1_2027));
    }

    static WorkflowOptions options(Worker worker, String sku) {
        return RestockStartOptions.forSku(sku).toBuilder().setTaskQueue(worker.getTaskQueue()).build();
    }

    /** What inventory does when a reservation takes the SKU low: signal-with-start. */
    static void lowStock(WorkflowClient client, Worker worker, RestockStart start) {
        RestockWorkflow restock = client.newWorkflowStub(RestockWorkflow.class, options(worker, start.sku()));
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(restock::run, start);
        request.add(restock::lowStock, new LowStock(start.sku(), "test"));
        client.signalWithStart(request);
    }

    /** What a backordered order does: signal-with-start the restock with itself. */
    static void backorder(WorkflowClient client, Worker worker, String orderId, int quantity) {
        OrderFulfillmentWorkflow order = client.newWorkflowStub(OrderFulfillmentWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.order(orderId))
                        .setTaskQueue(worker.getTaskQueue()).build());
        WorkflowClient.start(order::fulfil, new OrderRequest(orderId, "cust-1", List.of(new StockLine(SKU, quantity)),
                100, "EUR", "pm_card_visa", new ShippingAddress("Ada", "Keizersgracht 1", null, "Amsterdam",
                "1015 CJ", "NL"), Duration.ofDays(30), null));
        RestockWorkflow restock = client.newWorkflowStub(RestockWorkflow.class, options(worker, SKU));
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(restock::run, RestockStart.of(SKU));
        request.add(restock::backorderWaiting, new Backorder(WorkflowIds.order(orderId), SKU, quantity));
        client.signalWithStart(request);
    }

    static RestockWorkflow restock(WorkflowClient client) {
        return client.newWorkflowStub(RestockWorkflow.class, WorkflowIds.restock(SKU));
    }

    static RestockState settle(TestWorkflowEnvironment env, WorkflowClient client) {
        env.sleep(Duration.ofMinutes(1));
        return restock(client).state();
    }

    static String restockStatusAttribute(WorkflowClient client) {
        return client.newUntypedWorkflowStub(WorkflowIds.restock(SKU)).describe().getTypedSearchAttributes()
                .get(PerennialSearchAttributes.RESTOCK_STATUS);
    }

    /**
     * The order's run once it has handled its wake-up: the restock signals it and completes at once, so on a busy
     * machine the order may not have run its task yet (a RUNNING read failed once so under load).
     */
    static WorkflowExecutionStatus orderRun(WorkflowClient client, String orderId) {
        WorkflowStub order = client.newUntypedWorkflowStub(WorkflowIds.order(orderId));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        WorkflowExecutionStatus status = order.describe().getStatus();
        while (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = order.describe().getStatus();
        }
        return status;
    }

    static RestockState result(WorkflowClient client) {
        return WorkflowStub.fromTyped(restock(client)).getResult(RestockState.class);
    }

    static GoodsReceipt receipt(String purchaseOrderId, String receiptId, int quantity) {
        return new GoodsReceipt(purchaseOrderId, receiptId, quantity, "ops-1");
    }
}
