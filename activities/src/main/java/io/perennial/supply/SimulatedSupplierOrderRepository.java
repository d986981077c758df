package io.perennial.supply;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SimulatedSupplierOrderRepository extends GenericRepository<SimulatedSupplierOrder, String> {

    /** Takes the order unless its purchase order id is known; a second call changes nothing. */
    @Query("""
            INSERT INTO simulated_supplier_orders (purchase_order_id, supplier_id, sku, quantity, reference)
            VALUES (:purchaseOrderId, :supplierId, :sku, :quantity, :reference)
            ON CONFLICT (purchase_order_id) DO NOTHING
            """)
    void insertOnce(String purchaseOrderId, String supplierId, String sku, int quantity, String reference);

    Optional<String> findReferenceByPurchaseOrderId(String purchaseOrderId);

    long countByPurchaseOrderId(String purchaseOrderId);
}
