package io.perennial.event;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code events} outbox; {@code data} travels as JSON text, written by {@link EventLog}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EventRepository extends GenericRepository<EventRepository.EventRow, Long> {

    String SELECT_ROW = """
            SELECT seq, id, type, created, resource_type, resource_id, CAST(data AS text) AS data, recorded_at
            """;

    /** One row of {@code events}; {@code seq} orders them as they were written. */
    @Introspected
    record EventRow(long seq, String id, String type, Instant created, String resourceType, String resourceId,
                    String data, Instant recordedAt) {
    }

    /** Returns 1 when it wrote, 0 when an event with this id exists. */
    @Query("""
            INSERT INTO events (id, type, created, resource_type, resource_id, data)
            VALUES (:id, :type, :created, :resourceType, :resourceId, CAST(:data AS jsonb))
            ON CONFLICT (id) DO NOTHING
            """)
    int insertOnce(String id, String type, Instant created, String resourceType, String resourceId, String data);

    @Query(SELECT_ROW + "FROM events WHERE id = :id")
    Optional<EventRow> find(String id);

    /**
     * One page, newest written first, after the event whose {@code seq} ended the previous page (null for the
     * first). Null filters match everything; the window is on business time, since inclusive, until exclusive.
     */
    @Query(SELECT_ROW + """
            FROM events
            WHERE (CAST(:type AS text) IS NULL OR type = :type)
              AND (CAST(:resourceId AS text) IS NULL OR resource_id = :resourceId)
              AND (CAST(:createdSince AS timestamptz) IS NULL OR created >= :createdSince)
              AND (CAST(:createdUntil AS timestamptz) IS NULL OR created < :createdUntil)
              AND (CAST(:afterSeq AS bigint) IS NULL OR seq < :afterSeq)
            ORDER BY seq DESC
            LIMIT :limit
            """)
    List<EventRow> findPage(@Nullable String type, @Nullable String resourceId, @Nullable Instant createdSince,
                            @Nullable Instant createdUntil, @Nullable Long afterSeq, int limit);

    /** Deletes events whose business time is before {@code cutoff}; returns how many. */
    @Query("DELETE FROM events WHERE created < :cutoff")
    int purgeCreatedBefore(Instant cutoff);
}
