package io.perennial.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditLog extends CrudRepository<AuditEntry, UUID> {

    @Query("SELECT * FROM audit_log WHERE target = :target ORDER BY at, id")
    List<AuditEntry> findByTarget(String target);

    /** Appends one entry, in the caller's transaction when there is one. */
    default AuditEntry record(String actor, String action, String target, @Nullable String reason, String outcome) {
        return save(AuditEntry.of(actor, action, target, reason, outcome));
    }

    /**
     * One page, newest first, after the entry ({@code afterAt}, {@code afterId}) that ended the previous page (both
     * null for the first). Null filters match everything; the window is since inclusive, until exclusive.
     */
    @Query("""
            SELECT * FROM audit_log
            WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
              AND (CAST(:action AS text) IS NULL OR action = :action)
              AND (CAST(:target AS text) IS NULL OR target = :target)
              AND (CAST(:since AS timestamptz) IS NULL OR at >= :since)
              AND (CAST(:until AS timestamptz) IS NULL OR at < :until)
              AND (CAST(:afterAt AS timestamptz) IS NULL OR (at, id) < (:afterAt, :afterId))
            ORDER BY at DESC, id DESC
            LIMIT :limit
            """)
    List<AuditEntry> findPage(@Nullable String actor, @Nullable String action, @Nullable String target,
                              @Nullable Instant since, @Nullable Instant until, @Nullable Instant afterAt,
                              @Nullable UUID afterId, int limit);
}
