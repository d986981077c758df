package io.perennial.customer;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OidcIdentityRepository extends CrudRepository<OidcIdentity, UUID> {

    Optional<OidcIdentity> findByProviderAndSubject(String provider, String subject);

    /** Links the subject unless it already is (two callbacks racing link once). */
    @Query("""
            INSERT INTO oidc_identities (id, provider, subject, user_id, linked_at)
            VALUES (:id, :provider, :subject, :userId, :linkedAt)
            ON CONFLICT (provider, subject) DO NOTHING""")
    int link(UUID id, String provider, String subject, UUID userId, Instant linkedAt);

    /** A deleted account can no longer be signed in to through any provider. */
    @Query("DELETE FROM oidc_identities WHERE user_id = :userId")
    int unlinkAllOf(UUID userId);
}
