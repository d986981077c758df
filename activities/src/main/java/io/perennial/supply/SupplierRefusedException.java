package io.perennial.supply;

/** The supplier will not take the order (it does not sell the SKU, or not in that quantity). */
public class SupplierRefusedException extends RuntimeException {
    public SupplierRefusedException(String message) {
        super(message);
    }
}
