package io.perennial.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditLog extends CrudRepository<AuditEntry, UUID> {

    @Query("SELECT * FROM audit_log WHERE target = :target ORDER BY at, id")
    List<AuditEntry> findByTarget(String target);
}
