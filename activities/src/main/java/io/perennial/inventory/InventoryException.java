package io.perennial.inventory;

/** A stock operation that cannot be done as asked: an unknown SKU, or stock that would go below what is reserved. */
public class InventoryException extends RuntimeException {

    public enum Kind { UNKNOWN_SKU, UNKNOWN_PRODUCT, UNKNOWN_SUPPLIER, BELOW_RESERVED, ALREADY_EXISTS, INVALID }

    private final Kind kind;

    public InventoryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
