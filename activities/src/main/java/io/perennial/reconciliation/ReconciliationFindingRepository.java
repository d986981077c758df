package io.perennial.reconciliation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReconciliationFindingRepository extends CrudRepository<ReconciliationFinding, UUID> {

    List<ReconciliationFinding> findByRunIdInOrderByCreatedAt(Collection<UUID> runIds);
}
