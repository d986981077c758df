package io.perennial.providerevent;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The provider webhook inbox, by event id. Written only by the API. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProviderWebhookEventRepository extends CrudRepository<ProviderWebhookEvent, String> {

    /** Records a delivery: the first inserts the event as RECEIVED, later ones count. */
    @Query("""
            INSERT INTO provider_webhook_events (event_id, provider, type, outcome)
            VALUES (:eventId, :provider, :type, 'RECEIVED')
            ON CONFLICT (event_id) DO UPDATE SET deliveries = provider_webhook_events.deliveries + 1,
                updated_at = now()
            """)
    void recordDelivery(String eventId, String provider, String type);

    @Query("UPDATE provider_webhook_events SET outcome = :outcome, updated_at = now() WHERE event_id = :eventId")
    void markOutcome(String eventId, String outcome);
}
