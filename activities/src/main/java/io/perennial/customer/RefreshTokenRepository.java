package io.perennial.customer;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RefreshTokenRepository extends CrudRepository<RefreshToken, UUID> {

    Optional<RefreshToken> findByTokenHash(String tokenHash);

    List<RefreshToken> findByFamilyId(UUID familyId);

    /**
     * Marks a live token used; answers 0 when it is already used, revoked or expired, so of two concurrent refreshes
     * with one token only one gets through.
     */
    @Query("""
            UPDATE refresh_tokens SET used_at = :at
            WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :at""")
    int markUsed(UUID id, Instant at);

    @Query("UPDATE refresh_tokens SET revoked_at = :at WHERE family_id = :familyId AND revoked_at IS NULL")
    int revokeFamily(UUID familyId, Instant at);

    @Query("UPDATE refresh_tokens SET revoked_at = :at WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeAllOfUser(UUID userId, Instant at);

    @Query("DELETE FROM refresh_tokens WHERE expires_at < :before")
    int purgeExpiredBefore(Instant before);
}
