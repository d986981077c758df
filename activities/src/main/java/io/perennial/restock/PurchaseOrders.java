package io.perennial.restock;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.StockLevel;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import static io.perennial.jdbc.Statements.query;
import static io.perennial.jdbc.Statements.queryOne;
import static io.perennial.jdbc.Statements.update;

/**
 * Purchase orders and their receipts in PostgreSQL. Written by the restock activities (idempotent by purchase
 * order id and by receipt id), read by the API. A receipt and the stock it puts on hand are one transaction, so a
 * retried receipt never counts twice and a counted one is always on the shelf.
 */
@Singleton
public class PurchaseOrders {

    private static final String COLUMNS = "id, sku, supplier_id, quantity, received_quantity, status, "
            + "supplier_reference, replaces, note, placed_at, due_at, updated_at";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Inventory inventory;

    public PurchaseOrders(JdbcOperations jdbc, TransactionOperations<Connection> transactions, Inventory inventory) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.inventory = inventory;
    }

    /** The {@code n} of the SKU's next purchase order id {@code po-{sku}-{n}}. */
    public int nextSequence(String sku) {
        return transactions.executeRead(status -> query(jdbc,
                "SELECT COALESCE(max(substring(id from '-([0-9]+)$')::int), "
                + "0) + 1 FROM purchase_orders WHERE sku = ?", row -> row.getInt(1), sku).get(0));
    }

    /** Records the order as PLACING, or finds it when it was recorded before. */
    public PurchaseOrderRecord begin(PurchaseOrderRequest request) {
        return transactions.executeWrite(status -> {
            update(jdbc,
                    "INSERT INTO purchase_orders (id, sku, supplier_id, quantity, status, replaces, placed_at, due_at) "
                            + "VALUES (?, ?, ?, ?, 'PLACING', ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    request.purchaseOrderId(), request.sku(), request.supplierId(), request.quantity(),
                    request.replaces(), Timestamp.from(request.placedAt()), Timestamp.from(request.dueAt()));
            return find(request.purchaseOrderId()).orElseThrow();
        });
    }

    public void placed(String id, String supplierReference) {
        transactions.executeWrite(status -> update(jdbc, "UPDATE purchase_orders SET status = 'PLACED', "
                        + "supplier_reference = ?, updated_at = now() WHERE id = ? AND status = 'PLACING'",
                supplierReference, id));
    }

    public void rejected(String id, String reason) {
        transactions.executeWrite(status -> update(jdbc, "UPDATE purchase_orders SET status = 'REJECTED', note = ?, "
                + "updated_at = now() WHERE id = ? AND status = 'PLACING'", reason, id));
    }

    /**
     * Moves an open order to OVERDUE or SHORT_CLOSED, or one still being placed to UNCONFIRMED; a finished one
     * stays as it is.
     */
    public void change(PurchaseOrderStatusChange change) {
        String from = change.status() == PurchaseOrderStatus.UNCONFIRMED ? "('PLACING')"
                : "('PLACED', 'PARTIALLY_RECEIVED', 'OVERDUE')";
        transactions.executeWrite(status -> update(jdbc, "UPDATE purchase_orders SET status = ?, note = ?, "
                        + "updated_at = now() WHERE id = ? AND status IN " + from,
                change.status().name(), change.note(), change.purchaseOrderId()));
    }

    /**
     * Counts a receipt and puts its goods on hand, once per receipt id. A receipt of a closed order, or one that
     * would bring more than was ordered, is refused with {@link PurchaseOrderException}.
     */
    public ReceivedStock receive(StockReceipt receipt) {
        return transactions.executeWrite(status -> {
            PurchaseOrderRecord order = queryOne(jdbc,
                    "SELECT " + COLUMNS + " FROM purchase_orders WHERE id = ? FOR UPDATE",
                    PurchaseOrders::orderRow, receipt.purchaseOrderId())
                    .orElseThrow(() -> new PurchaseOrderException("no purchase order " + receipt.purchaseOrderId()));
            Optional<PurchaseOrderReceiptRecord> earlier = receipts(order.id()).stream()
                    .filter(r -> r.receiptId().equals(receipt.receiptId())).findFirst();
            if (earlier.isPresent()) {
                return new ReceivedStock(order.id(), receipt.receiptId(), onHand(order.sku()), true);
            }
            if (!order.acceptsReceipts()) {
                throw new PurchaseOrderException("purchase order " + order.id() + " is " + order.status()
                        + ": it takes no receipts");
            }
            int total = order.receivedQuantity() + receipt.quantity();
            if (total > order.quantity()) {
                throw new PurchaseOrderException("over-receipt: " + total + " of " + order.quantity() + " ordered");
            }
            update(jdbc, "INSERT INTO purchase_order_receipts (purchase_order_id, receipt_id, quantity, received_by, "
                            + "received_at) VALUES (?, ?, ?, ?, ?)", order.id(), receipt.receiptId(),
                    receipt.quantity(), receipt.receivedBy(), Timestamp.from(receipt.receivedAt()));
            update(jdbc,
                    "UPDATE purchase_orders SET received_quantity = ?, status = ?, updated_at = now() WHERE id = ?",
                    total, total == order.quantity() ? "RECEIVED" : order.status() == PurchaseOrderStatus.OVERDUE
                            ? "OVERDUE" : "PARTIALLY_RECEIVED", order.id());
            StockLevel level = inventory.receive(order.sku(), receipt.quantity(),
                    order.id() + "/" + receipt.receiptId());
            return new ReceivedStock(order.id(), receipt.receiptId(), level.onHand(), false);
        });
    }

    public Optional<PurchaseOrderRecord> find(String id) {
        return transactions.executeRead(status -> queryOne(jdbc,
                "SELECT " + COLUMNS + " FROM purchase_orders WHERE id = ?",
                PurchaseOrders::orderRow, id));
    }

    public List<PurchaseOrderReceiptRecord> receipts(String purchaseOrderId) {
        return transactions.executeRead(status -> query(jdbc,
                "SELECT purchase_order_id, receipt_id, quantity, received_by, "
                        + "received_at FROM purchase_order_receipts WHERE purchase_order_id = ? ORDER BY received_at, "
                        + "receipt_id", row -> new PurchaseOrderReceiptRecord(row.getString(1), row.getString(2),
                        row.getInt(3), row.getString(4), row.getTimestamp(5).toInstant()), purchaseOrderId));
    }

    /** Purchase orders by id after {@code afterId} (a cursor), optionally of one SKU and one status. */
    public List<PurchaseOrderRecord> list(@Nullable String sku, @Nullable PurchaseOrderStatus status,
                                          @Nullable String afterId, int limit) {
        return transactions.executeRead(tx -> query(jdbc, "SELECT " + COLUMNS + " FROM purchase_orders WHERE id > ? "
                        + "AND (?::text IS NULL OR sku = ?) AND (?::text IS NULL OR status = ?) ORDER BY id LIMIT ?",
                PurchaseOrders::orderRow, afterId == null ? "" : afterId, sku, sku,
                status == null ? null : status.name(), status == null ? null : status.name(), limit));
    }

    private int onHand(String sku) {
        return inventory.level(sku).map(StockLevel::onHand).orElse(0);
    }

    private static PurchaseOrderRecord orderRow(ResultSet row) throws SQLException {
        return new PurchaseOrderRecord(row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                row.getInt(5), PurchaseOrderStatus.valueOf(row.getString(6)), row.getString(7), row.getString(8),
                row.getString(9), row.getTimestamp(10).toInstant(), row.getTimestamp(11).toInstant(),
                row.getTimestamp(12).toInstant());
    }
}
