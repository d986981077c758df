package io.perennial.inventory;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StockMovementRepository extends GenericRepository<StockMovement, UUID> {

    /** Books a movement at the database's time ({@code at} defaults to the transaction's start). */
    @Query("""
            INSERT INTO stock_movements (id, sku, delta, kind, reason, reference)
            VALUES (:id, :sku, :delta, :kind, :reason, :reference)
            """)
    void insert(UUID id, String sku, int delta, String kind, String reason, String reference);

    /** The SKU's latest movements, newest first. */
    @Query("SELECT * FROM stock_movements WHERE sku = :sku ORDER BY at DESC, id LIMIT :limit")
    List<StockMovement> findLatest(String sku, int limit);
}
