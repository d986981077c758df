package io.perennial.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OpsBatchItemRepository extends GenericRepository<OpsBatchItem, UUID> {

    /** Records an item's result unless the batch has one for it already (a retried page). */
    @Query("""
            INSERT INTO ops_batch_items (id, batch_id, item_id, outcome, detail)
            VALUES (:id, :batchId, :itemId, :outcome, :detail)
            ON CONFLICT (batch_id, item_id) DO NOTHING
            """)
    void insertOnce(UUID id, String batchId, String itemId, String outcome, @Nullable String detail);

    boolean existsByBatchIdAndItemId(String batchId, String itemId);

    /** A page of a batch's results in item order, after {@code afterItemId}. */
    @Query("""
            SELECT * FROM ops_batch_items
            WHERE batch_id = :batchId AND (CAST(:afterItemId AS text) IS NULL OR item_id > :afterItemId)
            ORDER BY item_id
            LIMIT :limit
            """)
    List<OpsBatchItem> findPage(String batchId, @Nullable String afterItemId, int limit);
}
