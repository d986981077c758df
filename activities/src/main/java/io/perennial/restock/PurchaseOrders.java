package io.perennial.restock;

import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.StockLevel;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Purchase orders and their receipts in PostgreSQL. Written by the restock activities (idempotent by purchase
 * order id and by receipt id), read by the API. A receipt and the stock it puts on hand are one transaction, so a
 * retried receipt never counts twice and a counted one is always on the shelf.
 */
@Singleton
public class PurchaseOrders {

    private final PurchaseOrderRepository orders;
    private final PurchaseOrderReceiptRepository receipts;
    private final TransactionOperations<Connection> transactions;
    private final Inventory inventory;
    private final EventLog events;

    public PurchaseOrders(PurchaseOrderRepository orders, PurchaseOrderReceiptRepository receipts,
                          TransactionOperations<Connection> transactions, Inventory inventory, EventLog events) {
        this.events = events;
        this.orders = orders;
        this.receipts = receipts;
        this.transactions = transactions;
        this.inventory = inventory;
    }

    /** The {@code n} of the SKU's next purchase order id {@code po-{sku}-{n}}. */
    public int nextSequence(String sku) {
        return transactions.executeRead(status -> orders.nextSequence(sku));
    }

    /** Records the order as PLACING, or finds it when it was recorded before. */
    public PurchaseOrderRecord begin(PurchaseOrderRequest request) {
        return transactions.executeWrite(status -> {
            orders.insertPlacing(request.purchaseOrderId(), request.sku(), request.supplierId(), request.quantity(),
                    request.replaces(), request.placedAt(), request.dueAt());
            return find(request.purchaseOrderId()).orElseThrow();
        });
    }

    /** The supplier confirmed it: purchase_order.placed, at the time the restock placed it. */
    public void placed(String id, String supplierReference) {
        transactions.executeWrite(status -> {
            if (orders.placed(id, supplierReference) == 1) {
                PurchaseOrderRecord order = orders.findById(id).orElseThrow();
                events.record(EventType.PURCHASE_ORDER_PLACED, id, "placed", order.placedAt(),
                        EventObjects.purchaseOrder(order));
            }
            return null;
        });
    }

    public void rejected(String id, String reason) {
        transactions.executeWrite(status -> orders.rejected(id, reason));
    }

    /**
     * Moves an open order to OVERDUE or SHORT_CLOSED, or one still being placed to UNCONFIRMED; a finished one
     * stays as it is.
     */
    public void change(PurchaseOrderStatusChange change) {
        String to = change.status().name();
        transactions.executeWrite(status -> change.status() == PurchaseOrderStatus.UNCONFIRMED
                ? orders.changeWhilePlacing(change.purchaseOrderId(), to, change.note())
                : orders.changeWhileOpen(change.purchaseOrderId(), to, change.note()));
    }

    /**
     * Counts a receipt and puts its goods on hand, once per receipt id. A receipt of a closed order, or one that
     * would bring more than was ordered, is refused with {@link PurchaseOrderException}.
     */
    public ReceivedStock receive(StockReceipt receipt) {
        return transactions.executeWrite(status -> {
            PurchaseOrderRecord order = orders.findByIdForUpdate(receipt.purchaseOrderId())
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
            receipts.insert(order.id(), receipt.receiptId(), receipt.quantity(), receipt.receivedBy(),
                    receipt.receivedAt());
            orders.received(order.id(), total, total == order.quantity() ? "RECEIVED"
                    : order.status() == PurchaseOrderStatus.OVERDUE ? "OVERDUE" : "PARTIALLY_RECEIVED");
            StockLevel level = inventory.receive(order.sku(), receipt.quantity(),
                    order.id() + "/" + receipt.receiptId());
            // One per receipt: a partial delivery is news to a merchant too; the object says how much has come.
            events.record(EventType.PURCHASE_ORDER_RECEIVED, order.id(), "receipt:" + receipt.receiptId(),
                    receipt.receivedAt(), EventObjects.purchaseOrder(orders.findById(order.id()).orElseThrow()));
            return new ReceivedStock(order.id(), receipt.receiptId(), level.onHand(), false);
        });
    }

    public Optional<PurchaseOrderRecord> find(String id) {
        return transactions.executeRead(status -> orders.findById(id));
    }

    public List<PurchaseOrderReceiptRecord> receipts(String purchaseOrderId) {
        return transactions.executeRead(status -> receipts.findByPurchaseOrder(purchaseOrderId));
    }

    /** Purchase orders by id after {@code afterId} (a cursor), optionally of one SKU and one status. */
    public List<PurchaseOrderRecord> list(@Nullable String sku, @Nullable PurchaseOrderStatus status,
                                          @Nullable String afterId, int limit) {
        return transactions.executeRead(tx -> orders.findPage(sku, status == null ? null : status.name(),
                afterId == null ? "" : afterId, limit));
    }

    private int onHand(String sku) {
        return inventory.level(sku).map(StockLevel::onHand).orElse(0);
    }
}
