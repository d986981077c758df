package io.perennial.supply;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Suppliers that behave like real ones: each keeps its book of purchase orders ({@code simulated_supplier_orders}),
 * is idempotent by purchase order id, refuses SKUs it does not sell and quantities over its limit, takes time to
 * answer, and sometimes answers 503 or times out, sometimes after it took the order (so a retry must find it
 * rather than order twice).
 */
@Singleton
public class SimulatedSupplierGateway implements SupplierGateway {

    private final SimulatedSupplierOrderRepository orders;
    private final TransactionOperations<Connection> transactions;
    private final SimulatedSupplierConfiguration configuration;

    public SimulatedSupplierGateway(SimulatedSupplierOrderRepository orders,
                                    TransactionOperations<Connection> transactions,
                                    SimulatedSupplierConfiguration configuration) {
        this.orders = orders;
        this.transactions = transactions;
        this.configuration = configuration;
    }

    @Override
    public SupplierConfirmation placeOrder(SupplierOrder order) {
        double roll = ThreadLocalRandom.current().nextDouble();
        sleep(configuration.latency());
        if (roll < configuration.transientFailureRate() / 2) {
            throw new SupplierUnavailableException("supplier " + order.supplierId() + " answered HTTP 503");
        }
        if (configuration.refuses(order.supplierId(), order.sku())) {
            throw new SupplierRefusedException("supplier " + order.supplierId() + " does not sell " + order.sku());
        }
        if (order.quantity() > configuration.maxQuantity()) {
            throw new SupplierRefusedException("supplier " + order.supplierId() + " takes at most "
                    + configuration.maxQuantity() + " per order, not " + order.quantity());
        }
        SupplierConfirmation confirmation = transactions.executeWrite(status -> takeOnce(order));
        if (roll < configuration.transientFailureRate()) {
            sleep(configuration.timeout());
            throw new SupplierUnavailableException("supplier " + order.supplierId() + " did not answer in time");
        }
        return confirmation;
    }

    /** The number of orders the supplier's book holds for a purchase order id: 0 or 1. */
    public int ordersFor(String purchaseOrderId) {
        return transactions.executeRead(status -> (int) orders.countByPurchaseOrderId(purchaseOrderId));
    }

    private SupplierConfirmation takeOnce(SupplierOrder order) {
        String reference = order.supplierId().toUpperCase(Locale.ROOT) + ":" + order.purchaseOrderId();
        orders.insertOnce(order.purchaseOrderId(), order.supplierId(), order.sku(), order.quantity(), reference);
        return new SupplierConfirmation(order.purchaseOrderId(),
                orders.findReferenceByPurchaseOrderId(order.purchaseOrderId()).orElseThrow());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupplierUnavailableException("interrupted while waiting for the supplier");
        }
    }
}
