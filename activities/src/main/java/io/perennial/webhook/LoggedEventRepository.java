package io.perennial.webhook;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The webhook side of the event log: what is not relayed yet, and windows to replay. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LoggedEventRepository extends GenericRepository<LoggedEvent, Long> {

    @Query("SELECT seq, id, type, created, resource_type, resource_id, data::text AS data, relayed_at FROM events WHERE id = :id")
    Optional<LoggedEvent> findByEventId(String id);

    /** Events not relayed yet, held until the transaction ends; another relay skips them. */
    @Query("""
            SELECT seq, id, type, created, resource_type, resource_id, data::text AS data, relayed_at FROM events
            WHERE relayed_at IS NULL ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED
            """)
    List<LoggedEvent> lockUnrelayed(int limit);

    @Query("UPDATE events SET relayed_at = now() WHERE seq = :seq")
    void markRelayed(long seq);

    @Query("""
            SELECT seq, id, type, created, resource_type, resource_id, data::text AS data, relayed_at FROM events
            WHERE created >= :since AND created < :until ORDER BY seq LIMIT :limit
            """)
    List<LoggedEvent> createdBetween(Instant since, Instant until, int limit);
}
