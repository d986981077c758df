package io.perennial.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static io.perennial.jdbc.Statements.query;
import static io.perennial.jdbc.Statements.queryOne;
import static io.perennial.jdbc.Statements.update;

/**
 * Stock in PostgreSQL, where the database itself makes overselling impossible: a reservation takes each SKU with
 * one conditional update ({@code reserved + q} only while {@code on_hand - reserved >= q}), which PostgreSQL
 * re-checks on the locked row, and the table's checks keep {@code 0 <= reserved <= on_hand}. A reservation is all
 * or nothing, and every operation on one is idempotent by its id (serialized by an advisory lock on the id), so an
 * activity retried after a timeout never holds or gives back stock twice.
 */
@Singleton
public class Inventory {

    private static final String LEVEL_COLUMNS = "sku, product_id, name, on_hand, reserved, reorder_point, "
            + "reorder_quantity, preferred_supplier_id, alternate_supplier_id, updated_at, unit_price_minor, currency";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final AuditLog audit;

    public Inventory(JdbcOperations jdbc, TransactionOperations<Connection> transactions, AuditLog audit) {
        this.jdbc = jdbc;
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
            int inserted = update(jdbc, "INSERT INTO suppliers (id, name, lead_time_seconds) VALUES (?, ?, ?) "
                    + "ON CONFLICT (id) DO NOTHING", id, name, leadTime.toSeconds());
            if (inserted == 0) {
                throw new InventoryException(InventoryException.Kind.ALREADY_EXISTS, "supplier '" + id + "' exists");
            }
            return supplier(id).orElseThrow();
        });
    }

    public Optional<Supplier> supplier(String id) {
        return transactions.executeRead(status -> queryOne(jdbc, "SELECT id, name, lead_time_seconds, created_at "
                + "FROM suppliers WHERE id = ?", Inventory::supplierRow, id));
    }

    public List<Supplier> suppliers() {
        return transactions.executeRead(status -> query(jdbc, "SELECT id, name, lead_time_seconds, created_at "
                + "FROM suppliers ORDER BY id", Inventory::supplierRow));
    }

    public StockLevel createSku(NewSku sku, String actor) {
        return transactions.executeWrite(status -> {
            Optional<String> kind = queryOne(jdbc, "SELECT kind FROM products WHERE id = ?", row -> row.getString(1),
                    sku.productId());
            if (kind.isEmpty() || !kind.get().equals("PHYSICAL")) {
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
            int inserted = update(jdbc,
                    "INSERT INTO skus (sku, product_id, name, on_hand, reorder_point, reorder_quantity, "
                            + "preferred_supplier_id, alternate_supplier_id, unit_price_minor, currency) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sku) DO NOTHING", sku.sku(),
                    sku.productId(), sku.name(), sku.initialOnHand(), sku.reorderPoint(), sku.reorderQuantity(),
                    sku.preferredSupplierId(), sku.alternateSupplierId(), sku.unitPriceMinor(), sku.currency());
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
        return transactions.executeRead(status -> queryOne(jdbc, "SELECT " + LEVEL_COLUMNS + " FROM skus WHERE sku = ?",
                Inventory::levelRow, sku));
    }

    /** SKUs in order of their code, after {@code afterSku} (a cursor), at most {@code limit}. */
    public List<StockLevel> levels(@Nullable String afterSku, int limit) {
        return transactions.executeRead(status -> query(jdbc, "SELECT " + LEVEL_COLUMNS + " FROM skus WHERE sku > ? "
                + "ORDER BY sku LIMIT ?", Inventory::levelRow, afterSku == null ? "" : afterSku, limit));
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
            int changed = update(jdbc, "UPDATE skus SET on_hand = on_hand + ?, updated_at = now() "
                    + "WHERE sku = ? AND on_hand + ? >= reserved", delta, sku, delta);
            if (changed == 0) {
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
            if (update(jdbc,
                    "UPDATE skus SET on_hand = on_hand + ?, updated_at = now() WHERE sku = ?", quantity, sku) == 0) {
                throw unknownSku(sku);
            }
            movement(sku, quantity, StockMovement.Kind.RECEIPT, "received", reference);
            return level(sku).orElseThrow();
        });
    }

    public List<StockMovement> movements(String sku, int limit) {
        return transactions.executeRead(status -> query(jdbc, "SELECT id, sku, delta, kind, reason, reference, at "
                + "FROM stock_movements WHERE sku = ? ORDER BY at DESC, id LIMIT ?", row -> new StockMovement(
                row.getObject(1, UUID.class), row.getString(2), row.getInt(3),
                StockMovement.Kind.valueOf(row.getString(4)), row.getString(5), row.getString(6),
                row.getTimestamp(7).toInstant()), sku, limit));
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
            lock(reservationId);
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
                Optional<StockLevel> after = queryOne(jdbc,
                        "UPDATE skus SET reserved = reserved + ?, updated_at = now() "
                                + "WHERE sku = ? AND on_hand - reserved >= ? RETURNING " + LEVEL_COLUMNS,
                        Inventory::levelRow, line.getValue(), line.getKey(), line.getValue());
                if (after.isEmpty()) {
                    StockLevel level = level(line.getKey()).orElseThrow(() -> unknownSku(line.getKey()));
                    shortages.add(new Shortage(line.getKey(), line.getValue(), level.available()));
                } else if (after.get().atOrBelowReorderPoint()) {
                    low.add(line.getKey());
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
                update(jdbc,
                        "INSERT INTO stock_reservations (reservation_id, sku, quantity, status) VALUES (?, ?, ?, 'HELD')",
                        reservationId, line.sku(), line.quantity());
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
            lock(reservationId);
            List<StockLine> settled = query(jdbc, "UPDATE stock_reservations SET status = ?, settled_at = now() "
                            + "WHERE reservation_id = ? AND status = 'HELD' RETURNING sku, quantity",
                    row -> new StockLine(row.getString(1), row.getInt(2)), to, reservationId);
            for (StockLine line : settled.stream().sorted(java.util.Comparator.comparing(StockLine::sku)).toList()) {
                if (leavesTheShelf) {
                    update(jdbc, "UPDATE skus SET on_hand = on_hand - ?, reserved = reserved - ?, updated_at = now() "
                            + "WHERE sku = ?", line.quantity(), line.quantity(), line.sku());
                    movement(line.sku(), -line.quantity(), StockMovement.Kind.SHIPMENT, "shipped", reservationId);
                } else {
                    update(jdbc, "UPDATE skus SET reserved = reserved - ?, updated_at = now() WHERE sku = ?",
                            line.quantity(), line.sku());
                }
            }
            return reservationRows(reservationId);
        });
    }

    private Optional<StockReservation> reservationRows(String reservationId) {
        List<Object[]> rows = query(jdbc,
                "SELECT sku, quantity, status FROM stock_reservations WHERE reservation_id = ? "
                + "ORDER BY sku", row -> new Object[]{row.getString(1), row.getInt(2), row.getString(3)}, reservationId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<StockLine> lines = rows.stream().map(row -> new StockLine((String) row[0], (Integer) row[1])).toList();
        StockReservation.Status status = StockReservation.Status.valueOf((String) rows.get(0)[2]);
        return Optional.of(new StockReservation(reservationId, status, lines, List.of(), List.of()));
    }

    /** Serializes everything done to one reservation id, for the length of the transaction. */
    private void lock(String reservationId) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", statement -> {
            statement.setString(1, reservationId);
            statement.executeQuery().close();
            return null;
        });
    }

    private void movement(String sku, int delta, StockMovement.Kind kind, String reason, String reference) {
        update(jdbc, "INSERT INTO stock_movements (id, sku, delta, kind, reason, reference) VALUES (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), sku, delta, kind.name(), reason, reference);
    }

    private static InventoryException unknownSku(String sku) {
        return new InventoryException(InventoryException.Kind.UNKNOWN_SKU, "no SKU '" + sku + "'");
    }

    private static Supplier supplierRow(ResultSet row) throws SQLException {
        return new Supplier(row.getString(1), row.getString(2), Duration.ofSeconds(row.getLong(3)),
                row.getTimestamp(4).toInstant());
    }

    private static StockLevel levelRow(ResultSet row) throws SQLException {
        return new StockLevel(row.getString(1), row.getString(2), row.getString(3), row.getInt(4), row.getInt(5),
                row.getInt(6), row.getInt(7), row.getString(8), row.getString(9), row.getTimestamp(10).toInstant(),
                row.getObject(11, Long.class), row.getString(12));
    }
}
