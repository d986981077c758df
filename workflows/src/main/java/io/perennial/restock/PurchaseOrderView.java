package io.perennial.restock;

import java.time.Instant;
import java.util.List;

/** A purchase order as the restock sees it. */
public record PurchaseOrderView(String purchaseOrderId, String supplierId, PurchaseOrderStatus status, int ordered,
                                int received, Instant placedAt, Instant dueAt, List<ReceivedGoods> receipts) {

    public PurchaseOrderView {
        receipts = List.copyOf(receipts);
    }

    public boolean filled() {
        return received >= ordered;
    }

    public int remainder() {
        return ordered - received;
    }

    public ReceivedGoods receipt(String receiptId) {
        return receipts.stream().filter(r -> r.receiptId().equals(receiptId)).findFirst().orElse(null);
    }

    PurchaseOrderView with(ReceivedGoods goods) {
        List<ReceivedGoods> more = new java.util.ArrayList<>(receipts);
        more.add(goods);
        int total = received + goods.quantity();
        return new PurchaseOrderView(purchaseOrderId, supplierId, total >= ordered ? PurchaseOrderStatus.RECEIVED
                : PurchaseOrderStatus.PARTIALLY_RECEIVED, ordered, total, placedAt, dueAt, more);
    }

    PurchaseOrderView withStatus(PurchaseOrderStatus to) {
        return new PurchaseOrderView(purchaseOrderId, supplierId, to, ordered, received, placedAt, dueAt, receipts);
    }

    /** One receipt counted against the order. */
    public record ReceivedGoods(String receiptId, int quantity, Instant at) {
    }
}
