package io.perennial.restock;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.audit.AuditLog;
import io.perennial.catalog.PlanKind;
import io.perennial.catalog.Product;
import io.perennial.catalog.ProductRepository;
import io.perennial.inventory.Inventory;
import io.perennial.supply.SimulatedSupplierConfiguration;
import io.perennial.supply.SimulatedSupplierGateway;
import io.perennial.supply.SimulatedSupplierOrderRepository;
import io.perennial.supply.SupplierUnavailableException;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Purchase orders with the simulated suppliers and receipts, against real PostgreSQL. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestockActivitiesImplTest implements TestPropertyProvider {

    @Inject
    Inventory inventory;
    @Inject
    PurchaseOrders purchaseOrders;
    @Inject
    AuditLog audit;
    @Inject
    ProductRepository products;
    @Inject
    SimulatedSupplierOrderRepository supplierOrders;
    @Inject
    TransactionOperations<Connection> transactions;

    private final String supplier = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeAll
    void aSupplier() {
        if (!products.existsById("prod_box")) {
            products.save(new Product("prod_box", "Coffee box", null, PlanKind.PHYSICAL, true, Instant.now()));
        }
        inventory.createSupplier(supplier, "Acme Coffee Roasters", Duration.ofDays(4));
    }

    private String sku() {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        inventory.createSku(new Inventory.NewSku(sku, "prod_box", "Beans 250g", 2, 5, 24, supplier, null), "admin-1");
        return sku;
    }

    private SimulatedSupplierGateway gateway(double failureRate, String refused, int maxQuantity) {
        return new SimulatedSupplierGateway(supplierOrders, transactions, new SimulatedSupplierConfiguration(failureRate,
                Duration.ZERO, Duration.ofMillis(1), refused, maxQuantity));
    }

    private RestockActivitiesImpl activities(SimulatedSupplierGateway gateway) {
        return new RestockActivitiesImpl(inventory, purchaseOrders, gateway, audit);
    }

    private PurchaseOrderRequest order(String sku, int n, int quantity) {
        return new PurchaseOrderRequest(PurchaseOrderRequest.idFor(sku, n), sku, supplier, quantity, now,
                now.plus(Duration.ofDays(6)), null);
    }

    @Test
    void theSupplierTakesAPurchaseOrderOnceHoweverOftenItIsPlacedAndTheNextIdFollows() {
        String sku = sku();
        SimulatedSupplierGateway flaky = gateway(1.0, "", 10_000);
        PurchaseOrderRequest request = order(sku, 1, 24);

        // Every call fails: half with a 503 before anything is taken, half timing out after the supplier took it.
        for (int attempt = 0; attempt < 50 && flaky.ordersFor(request.purchaseOrderId()) == 0; attempt++) {
            assertThatThrownBy(() -> activities(flaky).placePurchaseOrder(request))
                    .isInstanceOf(SupplierUnavailableException.class);
        }
        assertThat(flaky.ordersFor(request.purchaseOrderId())).isEqualTo(1);
        assertThat(purchaseOrders.find(request.purchaseOrderId()).orElseThrow().status())
                .isEqualTo(PurchaseOrderStatus.PLACING);

        PlacedPurchaseOrder placed = activities(gateway(0.0, "", 10_000)).placePurchaseOrder(request);
        PlacedPurchaseOrder again = activities(gateway(0.0, "", 10_000)).placePurchaseOrder(request);

        assertThat(placed.supplierReference()).isEqualTo(supplier.toUpperCase() + ":" + request.purchaseOrderId());
        assertThat(again).isEqualTo(placed);
        assertThat(flaky.ordersFor(request.purchaseOrderId())).isEqualTo(1);
        assertThat(purchaseOrders.find(request.purchaseOrderId()).orElseThrow().status())
                .isEqualTo(PurchaseOrderStatus.PLACED);
        RestockPlan plan = activities(flaky).planRestock(new RestockPlanRequest(sku));
        assertThat(plan.nextSequence()).isEqualTo(2);
        PurchaseOrderRequest silent = order(sku, 2, 24);
        purchaseOrders.begin(silent);
        for (String id : new String[]{silent.purchaseOrderId(), request.purchaseOrderId()}) {
            activities(flaky).recordPurchaseOrderStatus(new PurchaseOrderStatusChange(id,
                    PurchaseOrderStatus.UNCONFIRMED, now, "never confirmed"));
        }
        assertThat(purchaseOrders.find(silent.purchaseOrderId()).orElseThrow().status())
                .isEqualTo(PurchaseOrderStatus.UNCONFIRMED);
        assertThat(purchaseOrders.find(request.purchaseOrderId()).orElseThrow().status())
                .as("a confirmed order never becomes unconfirmed").isEqualTo(PurchaseOrderStatus.PLACED);
        assertThat(plan.reorderDue()).isTrue();
        assertThat(plan.preferred()).isEqualTo(new SupplierTerms(supplier, Duration.ofDays(4)));
    }

    @Test
    void aRefusedSkuOrQuantityIsANonRetryableRejectionRecordedOnThePurchaseOrder() {
        String sku = sku();
        RestockActivitiesImpl refusing = activities(gateway(0.0, supplier + ":" + sku, 100));

        assertThatThrownBy(() -> refusing.placePurchaseOrder(order(sku, 1, 24)))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(RestockFailures.PURCHASE_ORDER_REJECTED);
                    assertThat(failure.isNonRetryable()).isTrue();
                });
        RestockActivitiesImpl small = activities(gateway(0.0, "", 100));
        assertThatThrownBy(() -> small.placePurchaseOrder(order(sku, 2, 101)))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure ->
                        assertThat(failure.getOriginalMessage()).contains("takes at most 100 per order"));
        assertThatThrownBy(() -> small.placePurchaseOrder(order(sku, 1, 24)))
                .as("placed again, a refused order stays refused").isInstanceOf(ApplicationFailure.class);

        assertThat(purchaseOrders.find(PurchaseOrderRequest.idFor(sku, 1)).orElseThrow())
                .satisfies(po -> {
                    assertThat(po.status()).isEqualTo(PurchaseOrderStatus.REJECTED);
                    assertThat(po.note()).contains("does not sell " + sku);
                });
        assertThat(purchaseOrders.list(sku, PurchaseOrderStatus.REJECTED, null, 10)).hasSize(2);
    }

    @Test
    void receiptsCountOnceNeverOverTheOrderAndNotAfterItWasClosedShort() {
        String sku = sku();
        RestockActivitiesImpl restock = activities(gateway(0.0, "", 10_000));
        PurchaseOrderRequest request = order(sku, 1, 10);
        restock.placePurchaseOrder(request);
        String po = request.purchaseOrderId();

        ReceivedStock first = restock.receiveStock(new StockReceipt(po, "dn-1", sku, 4, "ops-1", now));
        ReceivedStock repeat = restock.receiveStock(new StockReceipt(po, "dn-1", sku, 4, "ops-1", now));

        assertThat(first.duplicate()).isFalse();
        assertThat(first.onHand()).isEqualTo(6);
        assertThat(repeat.duplicate()).isTrue();
        assertThat(inventory.level(sku).orElseThrow().onHand()).isEqualTo(6);
        assertThatThrownBy(() -> restock.receiveStock(new StockReceipt(po, "dn-2", sku, 7, "ops-1", now)))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure ->
                        assertThat(failure.getType()).isEqualTo(RestockFailures.RECEIPT_REFUSED));

        restock.recordPurchaseOrderStatus(new PurchaseOrderStatusChange(po, PurchaseOrderStatus.SHORT_CLOSED, now,
                "overdue"));
        assertThatThrownBy(() -> restock.receiveStock(new StockReceipt(po, "dn-3", sku, 1, "ops-1", now)))
                .isInstanceOf(ApplicationFailure.class).hasMessageContaining("SHORT_CLOSED");
        assertThat(purchaseOrders.find(po).orElseThrow()).satisfies(order -> {
            assertThat(order.receivedQuantity()).isEqualTo(4);
            assertThat(order.status()).isEqualTo(PurchaseOrderStatus.SHORT_CLOSED);
        });
        assertThat(inventory.level(sku).orElseThrow().onHand()).isEqualTo(6);
    }
}
