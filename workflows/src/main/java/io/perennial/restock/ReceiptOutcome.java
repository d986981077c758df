package io.perennial.restock;

import java.util.List;

/**
 * What a receipt did: the purchase order's received total after it, and the backordered orders it woke (their
 * workflow ids, in the order they were woken). {@code duplicate} when the receipt id had been counted before.
 */
public record ReceiptOutcome(String purchaseOrderId, String receiptId, int quantity, int receivedTotal, int ordered,
                             boolean duplicate, List<String> wokenOrders) {

    public ReceiptOutcome {
        wokenOrders = List.copyOf(wokenOrders);
    }
}
