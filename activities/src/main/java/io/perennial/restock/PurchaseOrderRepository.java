package io.perennial.restock;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Purchase orders. Each status change is one conditional update that moves only from the states it names. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PurchaseOrderRepository extends GenericRepository<PurchaseOrderRecord, String> {

    /** The {@code n} of the SKU's next purchase order id {@code po-{sku}-{n}}. */
    @Query("""
            SELECT COALESCE(max(CAST(substring(id from '-([0-9]+)$') AS int)), 0) + 1
            FROM purchase_orders WHERE sku = :sku
            """)
    int nextSequence(String sku);

    /** Records the order as PLACING unless it was recorded before. */
    @Query("""
            INSERT INTO purchase_orders (id, sku, supplier_id, quantity, status, replaces, placed_at, due_at)
            VALUES (:id, :sku, :supplierId, :quantity, 'PLACING', :replaces, :placedAt, :dueAt)
            ON CONFLICT (id) DO NOTHING
            """)
    void insertPlacing(String id, String sku, String supplierId, int quantity, @Nullable String replaces,
                       Instant placedAt, Instant dueAt);

    Optional<PurchaseOrderRecord> findById(String id);

    /** The order, its row locked until the transaction ends. */
    @Query("SELECT * FROM purchase_orders WHERE id = :id FOR UPDATE")
    Optional<PurchaseOrderRecord> findByIdForUpdate(String id);

    @Query("""
            UPDATE purchase_orders SET status = 'PLACED', supplier_reference = :supplierReference, updated_at = now()
            WHERE id = :id AND status = 'PLACING'
            """)
    int placed(String id, String supplierReference);

    @Query("""
            UPDATE purchase_orders SET status = 'REJECTED', note = :note, updated_at = now()
            WHERE id = :id AND status = 'PLACING'
            """)
    int rejected(String id, String note);

    /** Moves an order still being placed (to UNCONFIRMED). */
    @Query("""
            UPDATE purchase_orders SET status = :status, note = :note, updated_at = now()
            WHERE id = :id AND status = 'PLACING'
            """)
    int changeWhilePlacing(String id, String status, @Nullable String note);

    /** Moves an open order (to OVERDUE or SHORT_CLOSED). */
    @Query("""
            UPDATE purchase_orders SET status = :status, note = :note, updated_at = now()
            WHERE id = :id AND status IN ('PLACED', 'PARTIALLY_RECEIVED', 'OVERDUE')
            """)
    int changeWhileOpen(String id, String status, @Nullable String note);

    @Query("""
            UPDATE purchase_orders SET received_quantity = :receivedQuantity, status = :status, updated_at = now()
            WHERE id = :id
            """)
    int received(String id, int receivedQuantity, String status);

    /** Purchase orders by id after {@code afterId}; null filters match everything. */
    @Query("""
            SELECT * FROM purchase_orders
            WHERE id > :afterId
              AND (CAST(:sku AS text) IS NULL OR sku = :sku)
              AND (CAST(:status AS text) IS NULL OR status = :status)
            ORDER BY id
            LIMIT :limit
            """)
    List<PurchaseOrderRecord> findPage(@Nullable String sku, @Nullable String status, String afterId, int limit);
}
