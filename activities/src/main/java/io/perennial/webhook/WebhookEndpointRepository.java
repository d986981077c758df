package io.perennial.webhook;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookEndpointRepository extends CrudRepository<WebhookEndpoint, String> {

    @Query("SELECT * FROM webhook_endpoints ORDER BY created_at, id")
    List<WebhookEndpoint> findAllOldestFirst();

    @Query("SELECT * FROM webhook_endpoints WHERE enabled ORDER BY created_at, id")
    List<WebhookEndpoint> findEnabled();

    @Query("UPDATE webhook_endpoints SET enabled = false, disabled_reason = :reason, updated_at = now() WHERE id = :id")
    int disable(String id, String reason);
}
