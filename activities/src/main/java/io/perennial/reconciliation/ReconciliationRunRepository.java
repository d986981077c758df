package io.perennial.reconciliation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReconciliationRunRepository extends CrudRepository<ReconciliationRun, UUID> {

    Optional<ReconciliationRun> findByRunKey(String runKey);

    /** The latest runs first (by business time); with {@code onlyDrift}, only runs that examined something. */
    @Query("""
            SELECT * FROM reconciliation_runs WHERE (NOT :onlyDrift OR examined > 0)
            ORDER BY business_time DESC, id LIMIT :limit
            """)
    List<ReconciliationRun> findLatest(boolean onlyDrift, int limit);
}
