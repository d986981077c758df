package io.perennial.restock;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.audit.AuditLog;
import io.perennial.catalog.PlanKind;
import io.perennial.catalog.Product;
import io.perennial.catalog.ProductRepository;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.InventoryActivitiesImpl;
import io.perennial.inventory.StockHold;
import io.perennial.inventory.StockLine;
import io.perennial.inventory.StockReservation;
import io.perennial.supply.SimulatedSupplierGateway;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Low stock against real PostgreSQL and a real Temporal client (the Temporal test server, real time): however many
 * reservations take a SKU low at once, exactly one restock of it is open and exactly one purchase order goes out;
 * a receipt puts stock on hand once.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestockTriggerTest implements TestPropertyProvider {

    @Inject
    Inventory inventory;
    @Inject
    PurchaseOrders purchaseOrders;
    @Inject
    SimulatedSupplierGateway supplierGateway;
    @Inject
    AuditLog audit;
    @Inject
    ProductRepository products;

    private final String supplier = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    private TestWorkflowEnvironment temporal;
    private WorkflowClient client;
    private RestockTrigger trigger;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeAll
    void aSupplierAndTemporalWithARestockWorker() {
        if (!products.existsById("prod_box")) {
            products.save(new Product("prod_box", "Coffee box", null, PlanKind.PHYSICAL, true, Instant.now()));
        }
        inventory.createSupplier(supplier, "Acme Coffee Roasters", Duration.ofDays(4));
        temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .registerSearchAttribute("RestockStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
        client = temporal.getWorkflowClient();
        Worker worker = temporal.newWorker(TaskQueues.RESTOCKS);
        worker.registerWorkflowImplementationTypes(RestockWorkflowImpl.class);
        worker.registerActivitiesImplementations(new RestockActivitiesImpl(inventory, purchaseOrders, supplierGateway,
                audit));
        temporal.start();
        trigger = new RestockTrigger(client);
    }

    @AfterAll
    void stopTemporal() {
        temporal.close();
    }

    private String sku(int onHand, int reorderPoint) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        inventory.createSku(new Inventory.NewSku(sku, "prod_box", "Beans 250g", onHand, reorderPoint, 24, supplier,
                null), "admin-1");
        return sku;
    }

    @Test
    void manyConcurrentReservationsTakingASkuLowOpenExactlyOneRestockAndOnePurchaseOrder() throws Exception {
        String sku = sku(30, 20);
        List<String> runs = new CopyOnWriteArrayList<>();
        RestockTrigger recording = new RestockTrigger(client) {
            @Override
            public WorkflowExecution lowStock(String lowSku, String cause) {
                WorkflowExecution run = super.lowStock(lowSku, cause);
                runs.add(run.getRunId());
                return run;
            }
        };
        InventoryActivitiesImpl activities = new InventoryActivitiesImpl(inventory, recording);

        var outcomes = Concurrently.run(30, i -> activities.reserveStock(new StockHold("order-" + UUID.randomUUID(),
                List.of(new StockLine(sku, 1)))));

        assertThat(outcomes).allMatch(o -> o.succeeded() && o.value().held());
        assertThat(runs).as("every reservation that left 20 or fewer free signalled the restock").hasSize(21);
        assertThat(runs.stream().distinct()).as("all of them the same run").hasSize(1);
        // The signals in the run's history are not counted here: under concurrent signal-with-start the Java test
        // server sometimes records fewer than it acknowledged (18 of 21 seen). RealTemporalRestockTest counts them
        // on the real server.
        List<HistoryEvent> events = client.fetchHistory(WorkflowIds.restock(sku)).getEvents();
        assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                .as("one run of restock-" + sku).hasSize(1);
        assertThat(client.newUntypedWorkflowStub(WorkflowIds.restock(sku)).describe().getExecution().getRunId())
                .isEqualTo(runs.get(0));
        assertThat(describe(sku)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        List<PurchaseOrderRecord> orders = eventually(() -> purchaseOrders.list(sku, null, null, 10),
                list -> !list.isEmpty() && list.get(0).status() == PurchaseOrderStatus.PLACED);
        assertThat(orders).singleElement().satisfies(po -> {
            assertThat(po.id()).isEqualTo("po-" + sku + "-1");
            assertThat(po.quantity()).isEqualTo(24);
            assertThat(po.supplierId()).isEqualTo(supplier);
            assertThat(po.dueAt()).isEqualTo(po.placedAt().plus(Duration.ofDays(6)));
            assertThat(po.supplierReference()).isEqualTo(supplier.toUpperCase() + ":po-" + sku + "-1");
        });
        assertThat(supplierGateway.ordersFor("po-" + sku + "-1")).isEqualTo(1);
        Thread.sleep(500);
        assertThat(purchaseOrders.list(sku, null, null, 10)).as("still one purchase order").hasSize(1);
    }

    @Test
    void concurrentTriggersAllReachTheSameRun() throws Exception {
        String sku = sku(1, 5);

        var runs = Concurrently.run(20, i -> trigger.lowStock(sku, "test " + i));

        assertThat(runs).allMatch(Concurrently.Outcome::succeeded);
        assertThat(runs.stream().map(o -> o.value().getRunId()).distinct()).hasSize(1);
    }

    @Test
    void aReceiptPutsStockOnHandOnceAndAnOverReceiptIsRefused() {
        String sku = sku(2, 5);
        trigger.lowStock(sku, "test");
        String po = "po-" + sku + "-1";
        eventually(() -> purchaseOrders.find(po), found -> found.isPresent()
                && found.get().status() == PurchaseOrderStatus.PLACED);
        RestockWorkflow restock = client.newWorkflowStub(RestockWorkflow.class, WorkflowIds.restock(sku));

        restock.receive(new GoodsReceipt(po, "dn-1", 10, "ops-1"));
        restock.receive(new GoodsReceipt(po, "dn-1", 10, "ops-1"));
        assertThatThrownBy(() -> restock.receive(new GoodsReceipt(po, "dn-2", 15, "ops-1")))
                .isInstanceOf(WorkflowUpdateException.class);

        assertThat(inventory.level(sku).orElseThrow().onHand()).isEqualTo(12);
        assertThat(purchaseOrders.find(po).orElseThrow().receivedQuantity()).isEqualTo(10);
        assertThat(purchaseOrders.find(po).orElseThrow().status()).isEqualTo(PurchaseOrderStatus.PARTIALLY_RECEIVED);
        assertThat(purchaseOrders.receipts(po)).extracting(PurchaseOrderReceiptRecord::receiptId)
                .containsExactly("dn-1");
        assertThat(inventory.movements(sku, 10)).filteredOn(m -> m.reference().equals(po + "/dn-1")).hasSize(1);

        restock.receive(new GoodsReceipt(po, "dn-2", 14, "ops-1"));
        eventually(() -> describe(sku),
                status -> status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThat(purchaseOrders.find(po).orElseThrow().status()).isEqualTo(PurchaseOrderStatus.RECEIVED);
        assertThat(inventory.level(sku).orElseThrow().onHand()).isEqualTo(26);

        String closed = client.newUntypedWorkflowStub(WorkflowIds.restock(sku)).describe().getExecution().getRunId();
        WorkflowExecution next = trigger.lowStock(sku, "after the first restock closed");
        assertThat(next.getRunId()).as("a new run may start once the last one closed").isNotEqualTo(closed);
    }

    private WorkflowExecutionStatus describe(String sku) {
        return client.newUntypedWorkflowStub(WorkflowIds.restock(sku)).describe().getStatus();
    }

    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) {
        long until = System.currentTimeMillis() + 15_000;
        T value = read.get();
        while (!done.test(value) && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        assertThat(done.test(value)).as("in time: " + value).isTrue();
        return value;
    }
}
