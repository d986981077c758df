package io.perennial.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.catalog.PlanKind;
import io.perennial.catalog.Product;
import io.perennial.catalog.ProductRepository;
import io.perennial.event.BusinessClock;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stock in PostgreSQL, where the database itself makes overselling impossible: a reservation takes each SKU with
 * one conditional update ({@code reserved + q} only while {@code on_hand - reserved >= q}), which PostgreSQL
 * re-checks on the locked row, and the table's checks keep {@code 0 <= reserved <= on_hand}. A reservation is all
 * or nothing, and every operation on one is idempotent by its id (serialized by an advisory lock on the id), so an
 * activity retried after a timeout never holds or gives back stock twice.
 */
@Singleton
public class Inventory {

    private final SkuRepository skus;
    private final SupplierRepository suppliers;
    private final StockReservationRepository reservations;
    private final StockMovementRepository movements;
    private final ProductRepository products;
    private final TransactionOperations<Connection> transactions;
    private final AuditLog audit;
    private final EventLog events;

    public Inventory(SkuRepository skus, SupplierRepository suppliers, StockReservationRepository reservations,
                     StockMovementRepository movements, ProductRepository products,
                     TransactionOperations<Connection> transactions, AuditLog audit, EventLog events) {
        this.events = events;
        this.skus = skus;
        this.suppliers = suppliers;
        this.reservations = reservations;
        this.movements = movements;
        this.products = products;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * A new SKU of a product, with its reorder rule and suppliers, what is on the shelf to begin with and, when it
     * is sold on its own, its unit price (both or neither).
     */
    public record NewSku(String sku, String productId, String name, int initialOnHand, int reorderPoint,
                         int reorderQuantity, String preferredSupplierId, @Nullable String alternateSupplierId,
                         @Nullable Long unitPriceMinor, @Nullable String currency) {

        /** A SKU not sold on its own (only shipped in boxes): no price. */
        public NewSku(String sku, String productId, String name, int initialOnHand, int reorderPoint,
                      int reorderQuantity, String preferredSupplierId, @Nullable String alternateSupplierId) {
            this(sku, productId, name, initialOnHand, reorderPoint, reorderQuantity, preferredSupplierId,
                    alternateSupplierId, null, null);
        }
    }

    public Supplier createSupplier(String id, String name, Duration leadTime) {
        return transactions.executeWrite(status -> {
            if (suppliers.insertOnce(id, name, leadTime.toSeconds()) == 0) {
                throw new InventoryException(InventoryException.Kind.ALREADY_EXISTS, "supplier '" + id + "' exists");
            }
            return supplier(id).orElseThrow();
        });
    }

    public Optional<Supplier> supplier(String id) {
        return transactions.executeRead(status -> suppliers.findById(id).map(SupplierRecord::supplier));
    }

    public List<Supplier> suppliers() {
        return transactions.executeRead(status -> suppliers.findAllInOrder().stream()
                .map(SupplierRecord::supplier).toList());
    }

    public StockLevel createSku(NewSku sku, String actor) {
        return transactions.executeWrite(status -> {
            Optional<PlanKind> kind = products.findById(sku.productId()).map(Product::kind);
            if (kind.isEmpty() || kind.get() != PlanKind.PHYSICAL) {
                throw new InventoryException(InventoryException.Kind.UNKNOWN_PRODUCT,
                        "no physical product '" + sku.productId() + "': SKUs belong to physical products");
            }
            for (String supplierId : new String[]{sku.preferredSupplierId(), sku.alternateSupplierId()}) {
                if (supplierId != null && supplier(supplierId).isEmpty()) {
                    throw new InventoryException(InventoryException.Kind.UNKNOWN_SUPPLIER,
                            "no supplier '" + supplierId + "'");
                }
            }
            if ((sku.unitPriceMinor() == null) != (sku.currency() == null)
                    || (sku.unitPriceMinor() != null && sku.unitPriceMinor() <= 0)) {
                throw new InventoryException(InventoryException.Kind.INVALID,
                        "a unit price is a positive amount in minor units with its currency, or absent");
            }
            int inserted = skus.insertOnce(sku.sku(), sku.productId(), sku.name(), sku.initialOnHand(),
                    sku.reorderPoint(), sku.reorderQuantity(), sku.preferredSupplierId(), sku.alternateSupplierId(),
                    sku.unitPriceMinor(), sku.currency());
            if (inserted == 0) {
                throw new InventoryException(InventoryException.Kind.ALREADY_EXISTS, "SKU '" + sku.sku() + "' exists");
            }
            if (sku.initialOnHand() > 0) {
                movement(sku.sku(), sku.initialOnHand(), StockMovement.Kind.ADJUSTMENT, "initial stock", actor);
            }
            audit.save(AuditEntry.of(actor, "sku.created", "sku:" + sku.sku(), null,
                    "on hand " + sku.initialOnHand()));
            return level(sku.sku()).orElseThrow();
        });
    }

    public Optional<StockLevel> level(String sku) {
        return transactions.executeRead(status -> skus.findById(sku));
    }

    /** SKUs in order of their code, after {@code afterSku} (a cursor), at most {@code limit}. */
    public List<StockLevel> levels(@Nullable String afterSku, int limit) {
        return transactions.executeRead(status -> skus.findPage(afterSku == null ? "" : afterSku, limit));
    }

    /** SKUs whose free stock is at or below their reorder point ({@link StockLevel#atOrBelowReorderPoint}), worst first. */
    public List<StockLevel> atOrBelowReorderPoint(int limit) {
        return transactions.executeRead(status -> skus.findAtOrBelowReorderPoint(limit));
    }

    public long countAtOrBelowReorderPoint() {
        return transactions.executeRead(status -> skus.countAtOrBelowReorderPoint());
    }

    /**
     * Counts stock in or out by hand ({@code delta} units, e.g. -2 "damaged in storage"), audited with who and why.
     * On hand never goes below what is reserved for orders.
     */
    public StockLevel adjust(String sku, int delta, String reason, String actor) {
        if (delta == 0) {
            throw new InventoryException(InventoryException.Kind.INVALID, "an adjustment changes the stock");
        }
        return transactions.executeWrite(status -> {
            if (skus.adjust(sku, delta) == 0) {
                StockLevel level = level(sku).orElseThrow(() -> unknownSku(sku));
                throw new InventoryException(InventoryException.Kind.BELOW_RESERVED, "SKU '" + sku + "' has "
                        + level.onHand() + " on hand and " + level.reserved() + " reserved: on hand cannot go "
                        + "below what is reserved");
            }
            movement(sku, delta, StockMovement.Kind.ADJUSTMENT, reason, actor);
            audit.save(AuditEntry.of(actor, "stock.adjusted", "sku:" + sku, reason, (delta > 0 ? "+" : "") + delta));
            return level(sku).orElseThrow();
        });
    }

    /** Puts a supplier's delivery on the shelf; {@code reference} is the purchase order and receipt. */
    public StockLevel receive(String sku, int quantity, String reference) {
        if (quantity <= 0) {
            throw new InventoryException(InventoryException.Kind.INVALID, "a receipt brings a positive quantity");
        }
        return transactions.executeWrite(status -> {
            if (skus.receive(sku, quantity) == 0) {
                throw unknownSku(sku);
            }
            movement(sku, quantity, StockMovement.Kind.RECEIPT, "received", reference);
            return level(sku).orElseThrow();
        });
    }

    public List<StockMovement> movements(String sku, int limit) {
        return transactions.executeRead(status -> movements.findLatest(sku, limit));
    }

    /**
     * Sets aside every line, or nothing. Asked again with the same id, it answers what the first call did, whatever
     * the lines say now. SKUs are taken in code order, so two reservations never wait on each other in a circle.
     */
    public StockReservation reserve(String reservationId, List<StockLine> lines) {
        Map<String, Integer> wanted = new TreeMap<>();
        for (StockLine line : lines) {
            wanted.merge(line.sku(), line.quantity(), Integer::sum);
        }
        if (wanted.isEmpty()) {
            throw new InventoryException(InventoryException.Kind.INVALID, "a reservation needs at least one line");
        }
        return transactions.executeWrite(status -> {
            reservations.lock(reservationId);
            Optional<StockReservation> earlier = reservationRows(reservationId);
            if (earlier.isPresent()) {
                // Asked again (a retried activity): say again which SKUs are low now, so no restock is missed.
                StockReservation first = earlier.get();
                List<String> lowNow = first.held() ? first.lines().stream().map(StockLine::sku)
                        .filter(sku -> level(sku).map(StockLevel::atOrBelowReorderPoint).orElse(false)).toList()
                        : List.of();
                return new StockReservation(reservationId, first.status(), first.lines(), List.of(), lowNow);
            }
            List<Shortage> shortages = new ArrayList<>();
            List<String> low = new ArrayList<>();
            for (Map.Entry<String, Integer> line : wanted.entrySet()) {
                boolean taken = skus.reserve(line.getKey(), line.getValue()) == 1;
                // Read after the update: this transaction holds the row's lock, so the level is the one it left.
                StockLevel level = level(line.getKey()).orElseThrow(() -> unknownSku(line.getKey()));
                if (!taken) {
                    shortages.add(new Shortage(line.getKey(), line.getValue(), level.available()));
                } else if (level.atOrBelowReorderPoint()) {
                    low.add(line.getKey());
                    if (level.available() + line.getValue() > level.reorderPoint()) {
                        // This reservation took it across the reorder point: one stock.low per crossing.
                        events.record(EventType.STOCK_LOW, level.sku(), "reservation:" + reservationId,
                                BusinessClock.now(), EventObjects.stock(level));
                    }
                }
            }
            List<StockLine> asked = wanted.entrySet().stream()
                    .map(line -> new StockLine(line.getKey(), line.getValue())).toList();
            if (!shortages.isEmpty()) {
                // All or nothing: undo what this transaction took. Nothing is recorded, so a later call may hold it.
                status.setRollbackOnly();
                List<String> lacking = shortages.stream().map(Shortage::sku).toList();
                return new StockReservation(reservationId, StockReservation.Status.OUT_OF_STOCK, asked, shortages,
                        lacking);
            }
            for (StockLine line : asked) {
                reservations.insertHeld(reservationId, line.sku(), line.quantity());
            }
            return new StockReservation(reservationId, StockReservation.Status.HELD, asked, List.of(), low);
        });
    }

    public Optional<StockReservation> reservation(String reservationId) {
        return transactions.executeRead(status -> reservationRows(reservationId));
    }

    /** Gives held stock back (a canceled or compensated order). Safe to call again, and for an unknown id. */
    public Optional<StockReservation> release(String reservationId) {
        return settle(reservationId, "RELEASED", false);
    }

    /** The reserved stock has left the warehouse: on hand and reserved both go down. Safe to call again. */
    public Optional<StockReservation> ship(String reservationId) {
        return settle(reservationId, "SHIPPED", true);
    }

    private Optional<StockReservation> settle(String reservationId, String to, boolean leavesTheShelf) {
        return transactions.executeWrite(status -> {
            // The lock makes reading the held lines and settling them one step: no other call on this id runs between.
            reservations.lock(reservationId);
            List<StockLine> settled = reservations.findHeld(reservationId).stream()
                    .map(StockReservationRecord::line).sorted(Comparator.comparing(StockLine::sku)).toList();
            reservations.settle(reservationId, to);
            for (StockLine line : settled) {
                if (leavesTheShelf) {
                    skus.ship(line.sku(), line.quantity());
                    movement(line.sku(), -line.quantity(), StockMovement.Kind.SHIPMENT, "shipped", reservationId);
                } else {
                    skus.release(line.sku(), line.quantity());
                }
            }
            return reservationRows(reservationId);
        });
    }

    private Optional<StockReservation> reservationRows(String reservationId) {
        List<StockReservationRecord> rows = reservations.findLines(reservationId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<StockLine> lines = rows.stream().map(StockReservationRecord::line).toList();
        return Optional.of(new StockReservation(reservationId, rows.get(0).status(), lines, List.of(), List.of()));
    }

    private void movement(String sku, int delta, StockMovement.Kind kind, String reason, String reference) {
        movements.insert(UUID.randomUUID(), sku, delta, kind.name(), reason, reference);
    }

    private static InventoryException unknownSku(String sku) {
        return new InventoryException(InventoryException.Kind.UNKNOWN_SKU, "no SKU '" + sku + "'");
    }
}
