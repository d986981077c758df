package io.perennial.supply;

/** The supplier answered 5xx or not at all: the order may or may not have been taken; try again, same id. */
public class SupplierUnavailableException extends RuntimeException {
    public SupplierUnavailableException(String message) {
        super(message);
    }
}
