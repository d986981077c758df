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

    /** The users of a customer account, first added first. */
    List<UserAccount> findByCustomerIdOrderByCreatedAt(UUID customerId);

    @Query("SELECT count(*) FROM users WHERE customer_id = :customerId AND account_role = 'OWNER'")
    long countOwners(UUID customerId);

    @Query("UPDATE users SET account_role = :accountRole WHERE id = :id AND customer_id = :customerId")
    int updateAccountRole(UUID id, UUID customerId, String accountRole);

    /**
     * Serializes changes to a customer account's users (a row lock until the transaction ends), so two owners
     * removing each other at once cannot leave the account without one.
     */
    @Query("UPDATE customers SET id = id WHERE id = :customerId")
    int lockCustomer(UUID customerId);

    /** Removes a user of the customer account with its sign-ins, provider links and reset links; 1 when removed. */
    @Query("""
            WITH member AS (SELECT id FROM users WHERE id = :id AND customer_id = :customerId),
                 sessions AS (DELETE FROM portal_sessions WHERE user_id IN (SELECT id FROM member)),
                 refresh AS (DELETE FROM refresh_tokens WHERE user_id IN (SELECT id FROM member)),
                 resets AS (DELETE FROM password_resets WHERE user_id IN (SELECT id FROM member)),
                 identities AS (DELETE FROM oidc_identities WHERE user_id IN (SELECT id FROM member))
            DELETE FROM users WHERE id IN (SELECT id FROM member)
            """)
    int deleteAccountUser(UUID id, UUID customerId);
}
