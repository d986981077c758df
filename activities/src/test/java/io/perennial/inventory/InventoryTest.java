package io.perennial.inventory;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.audit.AuditLog;
import io.perennial.catalog.PlanKind;
import io.perennial.catalog.Product;
import io.perennial.catalog.ProductRepository;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stock against real PostgreSQL: never oversold, never negative, reservations all-or-nothing and idempotent. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryTest implements TestPropertyProvider {

    @Inject
    Inventory inventory;
    @Inject
    AuditLog audit;

    private final String supplier = "acme-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @Inject
    ProductRepository products;

    @BeforeAll
    void aPhysicalProductAndASupplier() {
        if (!products.existsById("prod_box")) {
            products.save(new Product("prod_box", "Coffee box", null, PlanKind.PHYSICAL, true, Instant.now()));
        }
        inventory.createSupplier(supplier, "Acme Coffee Roasters", Duration.ofDays(5));
    }

    private String sku(int onHand, int reorderPoint) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        inventory.createSku(new Inventory.NewSku(sku, "prod_box", "Beans 250g", onHand, reorderPoint, 20, supplier,
                null), "admin-1");
        return sku;
    }

    @Test
    void fiftyConcurrentOrdersForTenUnitsReserveExactlyTen() throws Exception {
        String sku = sku(10, 2);

        var outcomes = Concurrently.run(50, i -> inventory.reserve("order-" + UUID.randomUUID(),
                List.of(new StockLine(sku, 1))));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        long held = outcomes.stream().filter(o -> o.value().held()).count();
        long refused = outcomes.stream()
                .filter(o -> o.value().status() == StockReservation.Status.OUT_OF_STOCK).count();
        assertThat(held).isEqualTo(10);
        assertThat(refused).isEqualTo(40);
        StockLevel level = inventory.level(sku).orElseThrow();
        assertThat(level.onHand()).isEqualTo(10);
        assertThat(level.reserved()).isEqualTo(10);
        assertThat(level.available()).isZero();
    }

    @Test
    void theSameReservationAskedConcurrentlyIsHeldOnce() throws Exception {
        String sku = sku(10, 0);
        String reservation = "order-" + UUID.randomUUID();

        var outcomes = Concurrently.run(20, i -> inventory.reserve(reservation, List.of(new StockLine(sku, 3))));

        assertThat(outcomes).allMatch(o -> o.succeeded() && o.value().held());
        assertThat(inventory.level(sku).orElseThrow().reserved()).isEqualTo(3);
    }

    @Test
    void aReservationIsAllOrNothing() {
        String plenty = sku(10, 0);
        String scarce = sku(1, 0);

        StockReservation refused = inventory.reserve("order-" + UUID.randomUUID(),
                List.of(new StockLine(plenty, 2), new StockLine(scarce, 2)));

        assertThat(refused.status()).isEqualTo(StockReservation.Status.OUT_OF_STOCK);
        assertThat(refused.shortages()).containsExactly(new Shortage(scarce, 2, 1));
        assertThat(inventory.level(plenty).orElseThrow().reserved()).isZero();
        assertThat(inventory.level(scarce).orElseThrow().reserved()).isZero();
        assertThat(inventory.reservation(refused.reservationId())).isEmpty();
    }

    @Test
    void releasingGivesStockBackOnceAndShippingTakesItOffTheShelfOnce() {
        String sku = sku(5, 0);
        String released = "order-" + UUID.randomUUID();
        String shipped = "order-" + UUID.randomUUID();
        inventory.reserve(released, List.of(new StockLine(sku, 2)));
        inventory.reserve(shipped, List.of(new StockLine(sku, 1), new StockLine(sku, 1)));
        assertThat(inventory.level(sku).orElseThrow().reserved()).isEqualTo(4);

        inventory.release(released);
        inventory.release(released);
        inventory.ship(shipped);
        inventory.ship(shipped);
        inventory.release(shipped);

        StockLevel level = inventory.level(sku).orElseThrow();
        assertThat(level.onHand()).isEqualTo(3);
        assertThat(level.reserved()).isZero();
        assertThat(inventory.reservation(released).orElseThrow().status()).isEqualTo(StockReservation.Status.RELEASED);
        assertThat(inventory.reservation(shipped).orElseThrow().status()).isEqualTo(StockReservation.Status.SHIPPED);
        assertThat(inventory.reservation(shipped).orElseThrow().lines()).containsExactly(new StockLine(sku, 2));
        // A released reservation stays released: asking to reserve it again answers what happened to it.
        assertThat(inventory.reserve(released, List.of(new StockLine(sku, 2))).status())
                .isEqualTo(StockReservation.Status.RELEASED);
        assertThat(inventory.movements(sku, 10)).extracting(StockMovement::kind, StockMovement::delta)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(StockMovement.Kind.SHIPMENT, -2),
                        org.assertj.core.groups.Tuple.tuple(StockMovement.Kind.ADJUSTMENT, 5));
    }

    @Test
    void aReservationThatTakesTheFreeStockToTheReorderPointSaysARestockIsDue() {
        String sku = sku(10, 4);

        assertThat(inventory.reserve("order-" + UUID.randomUUID(), List.of(new StockLine(sku, 5))).lowStockSkus())
                .isEmpty();
        assertThat(inventory.reserve("order-" + UUID.randomUUID(), List.of(new StockLine(sku, 1))).lowStockSkus())
                .containsExactly(sku);
    }

    @Test
    void adjustmentsAreAuditedAndNeverTakeOnHandBelowWhatIsReserved() {
        String sku = sku(4, 0);
        inventory.reserve("order-" + UUID.randomUUID(), List.of(new StockLine(sku, 3)));

        assertThat(inventory.adjust(sku, -1, "damaged in storage", "ops-7").onHand()).isEqualTo(3);
        assertThatThrownBy(() -> inventory.adjust(sku, -1, "miscounted", "ops-7"))
                .isInstanceOf(InventoryException.class)
                .satisfies(e -> assertThat(((InventoryException) e).kind())
                        .isEqualTo(InventoryException.Kind.BELOW_RESERVED));
        assertThat(inventory.level(sku).orElseThrow().onHand()).isEqualTo(3);
        assertThat(audit.findByTarget("sku:" + sku)).extracting(e -> e.action() + " " + e.actor() + " " + e.reason())
                .containsExactly("sku.created admin-1 null", "stock.adjusted ops-7 damaged in storage");
        assertThatThrownBy(() -> inventory.createSku(new Inventory.NewSku("SKU-DIGITAL", "prod_digital", "x", 1, 0, 1,
                supplier, null), "admin-1"))
                .satisfies(e -> assertThat(((InventoryException) e).kind())
                        .isEqualTo(InventoryException.Kind.UNKNOWN_PRODUCT));
        assertThatThrownBy(() -> inventory.adjust("SKU-NOPE", 1, "found", "ops-7"))
                .satisfies(e -> assertThat(((InventoryException) e).kind())
                        .isEqualTo(InventoryException.Kind.UNKNOWN_SKU));
    }

    @Test
    void aReceiptPutsStockOnTheShelf() {
        String sku = sku(0, 0);

        assertThat(inventory.receive(sku, 12, "po-1/receipt-1").available()).isEqualTo(12);
        assertThat(inventory.movements(sku, 1).get(0).reference()).isEqualTo("po-1/receipt-1");
    }
}
