package io.perennial.customer;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PortalSessionRepository extends CrudRepository<PortalSession, UUID> {

    /** The live session with this hash: not ended, not expired. */
    @Query("""
            SELECT * FROM portal_sessions
            WHERE session_hash = :sessionHash AND ended_at IS NULL AND expires_at > :now""")
    Optional<PortalSession> findLive(String sessionHash, Instant now);

    @Query("UPDATE portal_sessions SET ended_at = :at WHERE session_hash = :sessionHash AND ended_at IS NULL")
    int end(String sessionHash, Instant at);

    /** Every portal sign-in of the user ends, e.g. after a password change. */
    @Query("UPDATE portal_sessions SET ended_at = :at WHERE user_id = :userId AND ended_at IS NULL")
    int endAllOf(UUID userId, Instant at);

    /** Sessions that expired or ended before then: a signed-out or lapsed session is refused with or without its row. */
    @Query("DELETE FROM portal_sessions WHERE expires_at < :before OR ended_at < :before")
    int purgeEndedBefore(Instant before);
}
