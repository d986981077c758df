package io.perennial.supply;

/**
 * The port to suppliers' ordering systems. Idempotent by purchase order id: placing the same id again answers the
 * first order. A supplier that is down or slow throws {@link SupplierUnavailableException} (worth retrying); one
 * that will not take the order throws {@link SupplierRefusedException} (retrying changes nothing).
 */
public interface SupplierGateway {

    SupplierConfirmation placeOrder(SupplierOrder order);
}
