package io.perennial.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** The idempotency_keys table; the claim is one INSERT, so two requests with one key cannot both win it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IdempotencyKeys extends GenericRepository<IdempotencyRecord, String> {

    /** 1 when this request now owns the key; 0 when a request with the key came first. */
    @Query("""
            INSERT INTO idempotency_keys (owner, route, idempotency_key, request_hash, state)
            VALUES (:owner, :route, :key, :requestHash, 'IN_PROGRESS')
            ON CONFLICT (owner, route, idempotency_key) DO NOTHING
            """)
    int claim(String owner, String route, String key, String requestHash);

    /** Takes over a claim left IN_PROGRESS before {@code staleBefore} (its request died); 1 when taken. */
    @Query("""
            UPDATE idempotency_keys SET created_at = now()
            WHERE owner = :owner AND route = :route AND idempotency_key = :key AND request_hash = :requestHash
              AND state = 'IN_PROGRESS' AND created_at < :staleBefore
            """)
    int takeOverStale(String owner, String route, String key, String requestHash, Instant staleBefore);

    @Query("""
            SELECT request_hash, state, response_status, response_body, location, created_at FROM idempotency_keys
            WHERE owner = :owner AND route = :route AND idempotency_key = :key
            """)
    Optional<IdempotencyRecord> find(String owner, String route, String key);

    @Query("""
            UPDATE idempotency_keys SET state = 'COMPLETED', response_status = :status, response_body = :body,
                location = :location, completed_at = now()
            WHERE owner = :owner AND route = :route AND idempotency_key = :key
            """)
    void complete(String owner, String route, String key, int status, String body, @Nullable String location);

    /** Frees the key after a server-side failure, so the client may try again with it. */
    @Query("DELETE FROM idempotency_keys WHERE owner = :owner AND route = :route AND idempotency_key = :key AND state = 'IN_PROGRESS'")
    void release(String owner, String route, String key);

    @Query("DELETE FROM idempotency_keys WHERE created_at < :before")
    int purge(Instant before);
}
