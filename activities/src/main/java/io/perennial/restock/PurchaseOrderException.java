package io.perennial.restock;

/** A receipt the purchase order cannot take: it is closed, or the receipt would make it over-received. */
public class PurchaseOrderException extends RuntimeException {
    public PurchaseOrderException(String message) {
        super(message);
    }
}
