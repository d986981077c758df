package io.perennial.restock;

import java.time.Instant;

/** Tells ops a restock needs a person: a late purchase order, or no supplier would take one. */
public record RestockReminder(String sku, String purchaseOrderId, String supplierId, int ordered, int received,
                              Instant dueAt, Instant at, String message) {
}
