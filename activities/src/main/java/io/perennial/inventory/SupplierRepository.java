package io.perennial.inventory;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SupplierRepository extends GenericRepository<SupplierRecord, String> {

    /** Returns 1 when created now, 0 when the id is taken. */
    @Query("""
            INSERT INTO suppliers (id, name, lead_time_seconds) VALUES (:id, :name, :leadTimeSeconds)
            ON CONFLICT (id) DO NOTHING
            """)
    int insertOnce(String id, String name, long leadTimeSeconds);

    Optional<SupplierRecord> findById(String id);

    @Query("SELECT * FROM suppliers ORDER BY id")
    List<SupplierRecord> findAllInOrder();
}
