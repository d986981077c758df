package io.perennial.restock;

import java.time.Instant;

/**
 * A purchase order to place with a supplier. {@code purchaseOrderId} ({@code po-{sku}-{n}}) is the idempotency key
 * with the supplier: placing it again finds the first order.
 *
 * @param replaces the purchase order whose remainder this one re-orders, or null
 */
public record PurchaseOrderRequest(String purchaseOrderId, String sku, String supplierId, int quantity,
                                   Instant placedAt, Instant dueAt, String replaces) {

    public static String idFor(String sku, int sequence) {
        return "po-" + sku + "-" + sequence;
    }
}
