package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The switch's single row ({@code simulated_gateway_outage}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GatewayOutageRepository extends GenericRepository<GatewayOutage.State, Boolean> {

    @Query("SELECT mode, note, changed_by, changed_at FROM simulated_gateway_outage")
    GatewayOutage.State find();

    @Query("""
            UPDATE simulated_gateway_outage SET mode = :mode, note = :note, changed_by = :changedBy,
                changed_at = now()
            """)
    int update(String mode, @Nullable String note, String changedBy);
}
