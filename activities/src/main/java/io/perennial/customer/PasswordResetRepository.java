package io.perennial.customer;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PasswordResetRepository extends CrudRepository<PasswordReset, UUID> {

    /** Holds the account's links until the transaction ends, so one request counts and saves at a time. */
    @Query("SELECT pg_advisory_xact_lock(hashtext('password_resets:' || CAST(:userId AS text))) IS NOT NULL")
    boolean lockLinksOf(UUID userId);

    /** Links the account was sent since then: the rate limit. */
    long countByUserIdAndCreatedAtGreaterThan(UUID userId, Instant since);

    /** The live link with this hash: not used, not expired. */
    @Query("""
            SELECT * FROM password_resets
            WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now""")
    Optional<PasswordReset> findLive(String tokenHash, Instant now);

    /** Uses the link up, if it is still live: of two racing resets only one gets 1. */
    @Query("""
            UPDATE password_resets SET used_at = :now
            WHERE id = :id AND used_at IS NULL AND expires_at > :now""")
    int useUp(UUID id, Instant now);

    /** A new password voids every link of the account not yet used. */
    @Query("UPDATE password_resets SET used_at = :now WHERE user_id = :userId AND used_at IS NULL")
    int voidAllOf(UUID userId, Instant now);

    @Query("DELETE FROM password_resets WHERE user_id = :userId")
    int deleteAllOf(UUID userId);

    /** Links that expired before then (used or not): the hourly rate limit counts only the last hour's. */
    @Query("DELETE FROM password_resets WHERE expires_at < :before")
    int purgeExpiredBefore(Instant before);
}
