package io.perennial.api.restock;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.restock.PurchaseOrderReceiptRecord;
import io.perennial.restock.PurchaseOrderRecord;
import io.perennial.restock.PurchaseOrderStatus;

import java.time.Instant;
import java.util.List;

/** What the purchase-order endpoints answer. */
public final class PurchaseOrderViews {

    private PurchaseOrderViews() {
    }

    /**
     * A purchase order of the restock process.
     *
     * @param replaces the late purchase order whose remainder this one re-orders
     * @param dueAt    when it counts as late: 1.5 × the supplier's lead time after it was placed
     * @param receipts present on a single purchase order, left out of lists
     */
    @Serdeable
    public record PurchaseOrderView(String id, String sku, String supplierId, int quantity, int receivedQuantity,
                                    PurchaseOrderStatus status, @Nullable String supplierReference,
                                    @Nullable String replaces, @Nullable String note, Instant placedAt, Instant dueAt,
                                    Instant updatedAt, @Nullable List<ReceiptView> receipts) {
        static PurchaseOrderView of(PurchaseOrderRecord order, @Nullable List<PurchaseOrderReceiptRecord> receipts) {
            return new PurchaseOrderView(order.id(), order.sku(), order.supplierId(), order.quantity(),
                    order.receivedQuantity(), order.status(), order.supplierReference(), order.replaces(),
                    order.note(), order.placedAt(), order.dueAt(), order.updatedAt(),
                    receipts == null ? null : receipts.stream().map(ReceiptView::of).toList());
        }
    }

    /** One delivery counted against a purchase order; {@code receivedBy} is the staff user's id. */
    @Serdeable
    public record ReceiptView(String receiptId, int quantity, String receivedBy, Instant receivedAt) {
        static ReceiptView of(PurchaseOrderReceiptRecord receipt) {
            return new ReceiptView(receipt.receiptId(), receipt.quantity(), receipt.receivedBy(),
                    receipt.receivedAt());
        }
    }

    /** One page of purchase orders by id; {@code next} is the {@code after} value of the following page. */
    @Serdeable
    public record PurchaseOrderPage(List<PurchaseOrderView> items, @Nullable String next) {
    }
}
