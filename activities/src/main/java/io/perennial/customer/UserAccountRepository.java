package io.perennial.customer;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserAccountRepository extends CrudRepository<UserAccount, UUID> {

    @Query("SELECT * FROM users WHERE lower(email) = lower(:email)")
    Optional<UserAccount> findByEmail(String email);

    /** Every account with the role, e.g. the admins to tell about a disabled webhook endpoint. */
    List<UserAccount> findByRole(Role role);

    /** The version every live access token of the user carries; empty for no such user. */
    @Query("SELECT token_version FROM users WHERE id = :id")
    Optional<Long> findTokenVersion(UUID id);

    /** Ends every access token of the user issued so far (they carry the old version). */
    @Query("UPDATE users SET token_version = token_version + 1 WHERE id = :id")
    int incrementTokenVersion(UUID id);

    @Query("UPDATE users SET password_hash = :passwordHash WHERE id = :id")
    int updatePasswordHash(UUID id, String passwordHash);
}
