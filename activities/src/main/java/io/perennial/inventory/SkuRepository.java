package io.perennial.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/**
 * Stock levels. Every change is one conditional update that PostgreSQL re-checks on the locked row, so no
 * interleaving of callers oversells; each returns how many rows it changed (0: the condition did not hold).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SkuRepository extends GenericRepository<StockLevel, String> {

    /** Returns 1 when created now, 0 when the code is taken. */
    @Query("""
            INSERT INTO skus (sku, product_id, name, on_hand, reorder_point, reorder_quantity, preferred_supplier_id,
                alternate_supplier_id, unit_price_minor, currency)
            VALUES (:sku, :productId, :name, :onHand, :reorderPoint, :reorderQuantity, :preferredSupplierId,
                :alternateSupplierId, :unitPriceMinor, :currency)
            ON CONFLICT (sku) DO NOTHING
            """)
    int insertOnce(String sku, String productId, String name, int onHand, int reorderPoint, int reorderQuantity,
                   String preferredSupplierId, @Nullable String alternateSupplierId, @Nullable Long unitPriceMinor,
                   @Nullable String currency);

    Optional<StockLevel> findById(String sku);

    /** SKUs in order of their code after {@code afterSku}, at most {@code limit}. */
    @Query("SELECT * FROM skus WHERE sku > :afterSku ORDER BY sku LIMIT :limit")
    List<StockLevel> findPage(String afterSku, int limit);

    /** Counts stock in or out, never below what is reserved. */
    @Query("""
            UPDATE skus SET on_hand = on_hand + :delta, updated_at = now()
            WHERE sku = :sku AND on_hand + :delta >= reserved
            """)
    int adjust(String sku, int delta);

    @Query("UPDATE skus SET on_hand = on_hand + :quantity, updated_at = now() WHERE sku = :sku")
    int receive(String sku, int quantity);

    /** Sets {@code quantity} aside only while that much is free. */
    @Query("""
            UPDATE skus SET reserved = reserved + :quantity, updated_at = now()
            WHERE sku = :sku AND on_hand - reserved >= :quantity
            """)
    int reserve(String sku, int quantity);

    /** Gives reserved stock back. */
    @Query("UPDATE skus SET reserved = reserved - :quantity, updated_at = now() WHERE sku = :sku")
    int release(String sku, int quantity);

    /** Reserved stock leaves the shelf. */
    @Query("""
            UPDATE skus SET on_hand = on_hand - :quantity, reserved = reserved - :quantity, updated_at = now()
            WHERE sku = :sku
            """)
    int ship(String sku, int quantity);

    /** SKUs whose free stock is at or below their reorder point, furthest below first, at most {@code limit}. */
    @Query("""
            SELECT * FROM skus WHERE on_hand - reserved <= reorder_point
            ORDER BY on_hand - reserved - reorder_point, sku LIMIT :limit
            """)
    List<StockLevel> findAtOrBelowReorderPoint(int limit);

    @Query("SELECT COUNT(*) FROM skus WHERE on_hand - reserved <= reorder_point")
    long countAtOrBelowReorderPoint();
}
