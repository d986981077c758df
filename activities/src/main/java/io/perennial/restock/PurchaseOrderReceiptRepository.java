package io.perennial.restock;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PurchaseOrderReceiptRepository extends GenericRepository<PurchaseOrderReceiptRecord, String> {

    @Query("""
            INSERT INTO purchase_order_receipts (purchase_order_id, receipt_id, quantity, received_by, received_at)
            VALUES (:purchaseOrderId, :receiptId, :quantity, :receivedBy, :receivedAt)
            """)
    void insert(String purchaseOrderId, String receiptId, int quantity, String receivedBy, Instant receivedAt);

    @Query("""
            SELECT purchase_order_id, receipt_id, quantity, received_by, received_at FROM purchase_order_receipts
            WHERE purchase_order_id = :purchaseOrderId ORDER BY received_at, receipt_id
            """)
    List<PurchaseOrderReceiptRecord> findByPurchaseOrder(String purchaseOrderId);
}
